"""``review:`` in ``ruleset.yaml``: how a yearly review (复查) turns a unit's score into a
verdict. The defaults are CRITERIA's (推定): ≥ 80 保留, 70–80 限期整改, below 70 or a veto 撤销,
and a second consecutive 限期整改 becomes 撤销."""

from __future__ import annotations

from itertools import pairwise

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

KEEP, WARN, REVOKE = "保留", "限期整改", "撤销"


class ReviewBand(BaseModel):
    """Scores at or above ``min`` get ``verdict``; the last band has no ``min`` (the rest)."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    min: float | None = Field(default=None, ge=0, le=100)
    verdict: str = Field(min_length=1)


def _default_bands() -> list[ReviewBand]:
    return [
        ReviewBand(min=80, verdict=KEEP),
        ReviewBand(min=70, verdict=WARN),
        ReviewBand(verdict=REVOKE),
    ]


class Review(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    bands: list[ReviewBand] = Field(default_factory=_default_bands, min_length=1)
    veto: str = Field(
        default=REVOKE, min_length=1
    )  # the verdict of a vetoed unit, whatever its score
    # a verdict given again the year after becomes another (a second 限期整改: 撤销)
    repeated: dict[str, str] = Field(default_factory=lambda: {WARN: REVOKE})

    @field_validator("bands")
    @classmethod
    def _ordered(cls, bands: list[ReviewBand]) -> list[ReviewBand]:
        """Highest ``min`` first, each lower than the one before; only the last band, which
        takes every score below the others, goes without ``min``."""
        if any(band.min is None for band in bands[:-1]):
            raise ValueError("review.bands 只有最后一档可以不写 min（其余分数都归这一档）")
        mins = [band.min for band in bands if band.min is not None]
        if any(high <= low for high, low in pairwise(mins)):
            raise ValueError("review.bands 须按 min 从高到低排列，且各档 min 不同")
        return bands

    @model_validator(mode="after")
    def _known_verdicts(self) -> Review:
        """``veto`` and ``repeated`` speak of verdicts the bands give (or the veto's)."""
        known = {band.verdict for band in self.bands} | {self.veto}
        for given, becomes in self.repeated.items():
            if given not in known:
                raise ValueError(f"review.repeated 的 '{given}' 不是 bands 中的结论")
            if becomes not in known:
                raise ValueError(f"review.repeated 的 '{becomes}' 不是 bands 或 veto 中的结论")
        return self

    def band(self, score: float) -> ReviewBand:
        """The band a score (as shown) falls in; below every ``min``, the last band."""
        return next((b for b in self.bands if b.min is None or score >= b.min), self.bands[-1])
