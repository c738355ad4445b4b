"""Stage 2: the evidence folder, normalised to one record model with provenance."""
