"""Error types. Each carries the process exit code the CLI uses for it, so a
script calling kashif can tell bad input from a broken model or archive."""

from __future__ import annotations


class KashifError(Exception):
    """Base class: a one-line, user-facing message and an exit code."""

    exit_code = 1


class InputError(KashifError):
    """The input cannot be checked: empty, not UTF-8, binary, not Arabic, too big, missing."""

    exit_code = 2


class FormatError(InputError):
    """An annotation or data file is malformed (unbalanced bracket, bad JSON line)."""


class ModelError(KashifError):
    """A model file is missing, unreadable or not a kashif model."""

    exit_code = 3


class ArchiveError(KashifError):
    """The reference archive database is missing, corrupt or locked."""

    exit_code = 4


class RemoteError(KashifError):
    """A server the user pointed kashif at (e.g. ``--llm-url``) failed or answered badly."""

    exit_code = 5
