"""Stage 1: the rule set (``ruleset.yaml`` plus rule files), its models and loader."""
