"""checker: judges a 文明单位 evidence folder against YAML assessment rules."""

__version__ = "0.1.0"
