"""``checker init``: a new unit's evidence folder, laid out from the rule set."""
