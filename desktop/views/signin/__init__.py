"""Signing in, and recovering with the recovery key."""
