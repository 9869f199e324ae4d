"""The administrator's audit viewer."""
