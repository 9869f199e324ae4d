"""The home screen: what is due today and overdue, cases waiting too long, this month."""
