"""The actor directory: who cases are referred to and come from."""
