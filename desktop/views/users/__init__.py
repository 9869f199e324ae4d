"""Users, passphrases and the recovery key."""
