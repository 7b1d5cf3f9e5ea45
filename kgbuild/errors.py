"""Errors a user can fix.  The CLI turns these (and only these) into one-line
messages with exit code 2; any other exception is a bug and keeps its traceback."""

from __future__ import annotations


class KgbuildError(Exception):
    """Base class: the message says what went wrong and how to fix it."""

    exit_code = 2


class InputNotFound(KgbuildError):
    """An input path does not exist or cannot be read."""


class UnreadableInput(KgbuildError):
    """An input file exists but holds no usable text (binary, undecodable, empty)."""


class UnknownFormat(KgbuildError):
    """A format name or file extension kgbuild does not know."""


class InvalidGraph(KgbuildError):
    """An RDF file that does not parse."""


class InvalidQuery(KgbuildError):
    """SPARQL that does not parse, or asks for something not allowed."""


class UnknownQueryName(KgbuildError):
    """A ``--name`` that is not in the named-query library."""


class GoldFileError(KgbuildError):
    """A gold (answer key) file that is missing or malformed."""


class ModelNotInstalled(KgbuildError):
    """The spaCy pipeline is not installed."""


class StoreError(KgbuildError):
    """A persistent store that cannot be opened (locked, corrupt, missing)."""


class EndpointError(KgbuildError):
    """A SPARQL endpoint that is unreachable or refuses what we send."""


def choices(valid) -> str:
    """Format valid choices for an error message, spaCy style."""
    return ", ".join(sorted(valid))
