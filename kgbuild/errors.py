"""Errors a user can fix.  The CLI turns these (and only these) into one-line
messages with exit code 2; any other exception is a bug and keeps its traceback."""

from __future__ import annotations

import re


class KgbuildError(Exception):
    """Base class: the message says what went wrong and how to fix it."""

    exit_code = 2


class InputNotFound(KgbuildError):
    """An input path that does not exist."""


class UnreadableInput(KgbuildError):
    """An input that exists but cannot be read (permissions) or holds no usable text (binary, empty)."""


class OutputError(KgbuildError):
    """An output file or folder that cannot be written (permissions, no space, a folder in the way)."""


class NothingToBuild(KgbuildError):
    """Every input of a build was skipped, so there is nothing to write."""


class UnknownFormat(KgbuildError):
    """A format name or file extension kgbuild does not know."""


class InvalidGraph(KgbuildError):
    """An RDF file that does not parse."""


class InvalidQuery(KgbuildError):
    """SPARQL that does not parse, or asks for something not allowed."""


class UnknownQueryName(KgbuildError):
    """A ``--name`` that is not in the named-query library."""


class UnknownEntity(KgbuildError):
    """A name (``--focus``) that matches no entity of the graph."""


class UnknownClass(KgbuildError):
    """A class name (``--types``) that is not one a view can show."""


class GoldFileError(KgbuildError):
    """A gold (answer key) file that is missing or malformed."""


class ModelNotInstalled(KgbuildError):
    """The spaCy pipeline is not installed."""


class ConfigError(KgbuildError):
    """A setting (environment variable, option value) that kgbuild cannot work with."""


class StoreError(KgbuildError):
    """A persistent store that cannot be opened (locked, corrupt, missing)."""


class EndpointError(KgbuildError):
    """A SPARQL endpoint that is unreachable or refuses what we send."""


def choices(valid) -> str:
    """Format valid choices for an error message, spaCy style."""
    return ", ".join(sorted(valid))


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def valid_unicode(text: str) -> str:
    """``text`` without lone surrogates (from undecodable file names, bad JSON, ...): those become U+FFFD.

    A surrogate pair written as two code points is joined into the character it encodes.
    """
    if not any("\ud800" <= c <= "\udfff" for c in text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def shown(path: object) -> str:
    """``path`` as printed in a one-line message: control characters escaped, lone surrogates replaced."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), valid_unicode(str(path)))


def one_line(text: str) -> str:
    """``text`` with its line breaks and runs of whitespace collapsed to single spaces."""
    return " ".join(text.split())
