"""Review verdicts (复查): a unit's score and vetoes through its rule set's ``review:`` bands,
and across years the rule that a verdict repeated becomes another (CRITERIA "Reviews and the
文明办": a second consecutive 限期整改 is 撤销)."""

from __future__ import annotations

from typing import Any

from checker.parsing import format_number
from checker.rules.review import Review

UNJUDGED = "无法评定"  # nothing of the unit could be read: no score to judge
# On-site and survey items not rated yet could still lift the unit into another band: no title
# is kept or revoked on points nobody has given yet.
PENDING = "待现场测评"


def _band_reason(review: Review, score: float) -> str:
    band = review.band(score)
    shown = f"得分 {format_number(score)}"
    index = review.bands.index(band)
    above = review.bands[index - 1].min if index > 0 else None
    if band.min is None:
        lowest = review.bands[-2].min if len(review.bands) > 1 else None
        return f"{shown}，低于 {format_number(lowest)} 分" if lowest is not None else shown
    if above is None:
        return f"{shown}，不低于 {format_number(band.min)} 分"
    return f"{shown}，在 {format_number(band.min)}—{format_number(above)} 分之间"


def verdict(entry: dict[str, Any], review: Review) -> tuple[str, str]:
    """(verdict, why in one Chinese sentence) for one unit this year, before any baseline."""
    if not entry["assessed"]:
        first = entry["problems"][0]["message"] if entry["problems"] else "未能评估"
        return UNJUDGED, f"未能评估：{first}"
    items = {item["rule"]: item for item in entry.get("items") or []}
    if entry["veto"]:
        found = [items.get(rule, {}).get("finding") or rule for rule in entry["veto"]]
        return review.veto, f"一票否决（{'；'.join(found)}）"
    reason = _band_reason(review, entry["score"])
    if entry["problems"]:
        reason += f"；材料有 {len(entry['problems'])} 处问题，按能读取的部分评定"
    team = set(entry.get("team_ratings") or [])
    own = [rule for rule, item in items.items() if item.get("rated_by") and rule not in team]
    if own:  # points the unit gave itself count, but the 文明办 should see whose they are
        reason += f"；其中{len(own)}项现场评分为单位自评（{'、'.join(own)}），以测评组评分为准"
    now, best = review.band(entry["score"]), review.band(entry["best_score"])
    if now is not best:
        entry["pending"] = [now.verdict, best.verdict]  # the two ends, for the baseline's rule
        return PENDING, (
            f"{reason}（{now.verdict}）；实地考察、问卷调查项目尚未评分，全部得满分可达 "
            f"{format_number(entry['best_score'])} 分（{best.verdict}），须现场测评后评定"
        )
    return now.verdict, reason


def repeated(entry: dict[str, Any], rules: dict[str, str]) -> None:
    """Apply ``review.repeated`` against last year's verdict (``entry["previous"]``): the
    same verdict again becomes the one the rule set names. A verdict pending the on-site
    rating is settled when the rule leaves both of its ends the same (50.1 is 撤销 and 70.1
    would be a second 限期整改, 撤销 too: no visit can change it)."""
    previous = entry.get("previous")
    if not previous:
        return
    before = previous.get("verdict")
    becomes = rules.get(str(before))
    if becomes is None or becomes == before:
        return
    last = format_number(float(previous["score"])) if previous.get("score") is not None else "—"
    again = f"连续两年{before}（上年得分 {last}），改为{becomes}"
    if entry["verdict"] == PENDING and entry.get("pending"):
        ends = {becomes if end == before else end for end in entry["pending"]}
        if len(ends) == 1:
            (settled,) = ends
            entry["verdict_reason"] = f"{entry['verdict_reason']}；但{again}，现场测评不改变结论"
            entry["verdict"] = settled
        return
    if entry["verdict"] != before:
        return
    entry["verdict_reason"] = f"{entry['verdict_reason']}；{again}"
    entry["verdict"] = becomes
