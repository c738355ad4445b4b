"""Stage 3: selection, periods, aggregation and scoring of the evidence against the rules.

Which module does what, from the records up to the assessment:

- ``tailor``: the rule set as it applies to one unit (the overlays it switches on, its facts
  in ``{名称}`` placeholders);
- ``select``: which records a requirement looks at (type, tags, where, keywords, pattern,
  content);
- ``periods``: the assessment window and the calendar periods, each with its share of days;
- ``aggregate``: count, sum or distinct values of a set of records;
- ``judge``: one requirement over its periods: thresholds, coverage, partial credit
  (a ``Judgement``);
- ``evaluate``: one rule's requirements judged and turned into requirement results with their
  gaps (``Evaluator``);
- ``assess``: the whole rule set: statuses, points, score, grade, veto and the verdict (an
  ``Assessment``); ``integrity`` and ``inventory`` add what inspectors look at.
"""
