"""Reading input articles: files, folders (recursively) and standard input.

Articles are read lazily, one at a time, so a corpus of any size streams.
"""

from __future__ import annotations

import hashlib
import os
import sys
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InputNotFound, UnreadableInput

#: Extensions read when walking a folder.
TEXT_EXTENSIONS = (".txt", ".text", ".md")


@dataclass(frozen=True)
class Article:
    """One input document: a stable name, its text, and the text's SHA-256."""

    source_name: str
    text: str

    @property
    def sha256(self) -> str:
        """Hex SHA-256 of the text (surrogates kept so every str hashes)."""
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()


class SkippedInput(UserWarning):
    """A bad input file that was skipped; the message names it and why."""


def decode(data: bytes, source: str) -> str:
    """Decode an article's bytes to text, or raise UnreadableInput naming ``source``."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableInput(f"{source}: looks binary, not text; pass a text or HTML article")
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            if encoding == "utf-8-sig" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
                break
    return data.decode("latin-1")


def read_article(path: Path, source_name: str) -> Article:
    """Read one file as an Article."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputNotFound(f"{path}: cannot read ({exc.strerror or exc}); check the path and its permissions") from None
    text = decode(data, str(path))
    if not text.strip():
        raise UnreadableInput(f"{path}: empty; nothing to extract")
    return Article(source_name, text)


def iter_paths(inputs: Iterable[str | os.PathLike]) -> Iterator[tuple[Path | None, str]]:
    """(path, source name) for every input; ``-`` yields (None, "stdin")."""
    for item in inputs:
        if str(item) == "-":
            yield None, "stdin"
            continue
        p = Path(item)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in TEXT_EXTENSIONS and not f.name.startswith("."):
                    yield f, f.relative_to(p).as_posix()
        elif p.is_file():
            yield p, p.name
        else:
            raise InputNotFound(f"{p}: no such file or folder; pass article files, folders or - for stdin")


def check_inputs(inputs: Iterable[str | os.PathLike]) -> None:
    """Fail fast, before any work, if an input path does not exist."""
    for item in inputs:
        if str(item) != "-" and not Path(item).exists():
            raise InputNotFound(f"{item}: no such file or folder; pass article files, folders or - for stdin")


def read_articles(inputs: Iterable[str | os.PathLike], strict: bool = False) -> Iterator[Article]:
    """Lazily yield Articles from files, folders and stdin.

    A bad file is skipped with a :class:`SkippedInput` warning naming it, unless
    ``strict``, where its error is raised.
    """
    for path, name in iter_paths(inputs):
        try:
            if path is None:
                data = sys.stdin.buffer.read()
                text = decode(data, "stdin")
                if not text.strip():
                    raise UnreadableInput("stdin: empty; nothing to extract")
                yield Article(name, text)
            else:
                yield read_article(path, name)
        except UnreadableInput as exc:
            if strict:
                raise
            warnings.warn(str(exc), SkippedInput, stacklevel=2)
