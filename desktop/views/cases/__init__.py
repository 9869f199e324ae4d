"""The casebook: registering, editing and following a dispute."""
