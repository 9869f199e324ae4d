"""The first-run wizard that creates a workspace."""
