"""Importing a committee's existing register (CSV) through a wizard."""
