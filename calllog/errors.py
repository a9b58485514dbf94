"""One error hierarchy. Each message is a sentence a victim can act on; the
CLI prints it on one line and exits 1."""

from __future__ import annotations


class CalllogError(Exception):
    """Base of every error that is the user's to fix (not a bug)."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class CaseError(CalllogError):
    """The case folder is missing, already exists or cannot be used."""


class SettingsError(CalllogError):
    """A setting (owner number, time zone, language, mapping) is not usable."""


class FormatError(CalllogError):
    """No importer, or more than one, recognises a file."""


class ImportFailed(CalllogError):
    """A file was recognised but could not be read; nothing of it was kept."""
