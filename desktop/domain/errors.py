"""Errors the domain raises. Messages never carry party names, phones or narrative."""


class DomainError(Exception):
    """A rule of the domain was broken; the message says what to do."""


class ValidationError(DomainError):
    """Input failed validation. ``field`` names the field at fault (for display beside it)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class PermissionDenied(DomainError):
    """The acting user may not do this."""


class NotFound(DomainError):
    """The record does not exist, or the acting user may not see it."""


class IllegalTransition(DomainError):
    """A case or referral cannot move from its current status to the one asked for."""


class DoNoHarm(DomainError):
    """A do-no-harm rule forbids this: mediating a non-mediable category, sharing without
    consent."""


class Cancelled(DomainError):
    """The user stopped a long piece of work; what it had done was rolled back."""
