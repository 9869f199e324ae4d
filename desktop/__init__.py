"""Suluhu desktop application."""
