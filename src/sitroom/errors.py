"""Small named errors. Library code raises these; the CLI turns them into one line."""

from __future__ import annotations


class SitroomError(Exception):
    """Base of every error sitroom raises on purpose."""


class InputError(SitroomError):
    """An input (file, feed, line) cannot be read; the message names it and says why."""


class LexiconError(SitroomError):
    """A data file is malformed; the message names the file, the entry id and the field."""


class StoreError(SitroomError):
    """The database cannot be opened or is of an unknown kind or version."""


class ConfigError(SitroomError):
    """A command-line option or setting is invalid."""
