"""Case-file document vault."""
