"""Stage 3: selection, periods, aggregation and scoring of the evidence against the rules."""
