"""Reading input articles: files, folders (recursively) and standard input.

Articles are read lazily, one at a time, so a corpus of any size streams.  Whatever
arrives (UTF-8 with or without a BOM, UTF-16/32 with a BOM, Latin-1 / Windows-1252,
gzip, HTML pages) becomes one clean Python ``str``: see :func:`decode`,
:func:`html_to_text` and :func:`normalize_text`.  A file that holds no usable text
(binary, empty, unreadable) raises :class:`~kgbuild.errors.UnreadableInput`, which
:func:`read_articles` turns into a :class:`SkippedInput` warning naming the file.

Evidence offsets (``kg:startChar`` / ``kg:endChar``) index :attr:`Article.text`,
the *normalised* text, and ``kg:sha256`` hashes that same text.
"""

from __future__ import annotations

import codecs
import functools
import hashlib
import os
import re
import sys
import unicodedata
import warnings
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from .errors import InputNotFound, UnreadableInput, shown, valid_unicode

#: Extensions of plain-text articles read when walking a folder.
TEXT_EXTENSIONS = (".txt", ".text", ".md")
#: Extensions of HTML pages (tags stripped) read when walking a folder.
HTML_EXTENSIONS = (".html", ".htm", ".xhtml")
#: Everything read when walking a folder; each may also be gzipped (``.txt.gz``).
ARTICLE_EXTENSIONS = TEXT_EXTENSIONS + HTML_EXTENSIONS
#: Largest article kgbuild reads, before and after decompression (a gzip bomb guard).
MAX_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class Article:
    """One input document: a stable name, its (normalised) text, and the text's SHA-256."""

    source_name: str
    text: str

    @classmethod
    def from_text(cls, source_name: str, text: str) -> Article:
        """An Article whose name and text are normalised as if read from a file."""
        return cls(clean_name(source_name), normalize_text(text))

    @property
    def sha256(self) -> str:
        """Hex SHA-256 of the text (surrogates kept so every str hashes)."""
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()


class SkippedInput(UserWarning):
    """A bad input file that was skipped; the message names it and why."""


# --------------------------------------------------------------------------- bytes → str

_MAGIC = (
    (b"%PDF-", "a PDF document; convert it to text first (e.g. `pdftotext FILE`)"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.odt/.epub); extract or convert it to text first"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document; save it as text first"),
    (b"{\\rtf", "an RTF document; save it as plain text first"),
    (b"\x89PNG", "a PNG image, not text"),
    (b"\xff\xd8\xff", "a JPEG image, not text"),
    (b"GIF8", "a GIF image, not text"),
    (b"BZh", "bzip2-compressed; decompress it first (kgbuild reads gzip only)"),
    (b"\xfd7zXZ\x00", "xz-compressed; decompress it first (kgbuild reads gzip only)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive; extract it first"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed; decompress it first (kgbuild reads gzip only)"),
    (b"\x7fELF", "an executable, not text"),
)
_BOMS = (  # longest first: the UTF-32-LE BOM starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_HTML_SNIFF = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.I | re.S)


def _cp1252_gaps(exc: UnicodeDecodeError):
    # Windows-1252 leaves five bytes undefined; Latin-1 maps every byte, so use it there.
    return exc.object[exc.start:exc.end].decode("latin-1"), exc.end


codecs.register_error("kgbuild-latin1", _cp1252_gaps)


def gunzip(data: bytes, source: str) -> bytes:
    """Decompress gzip ``data`` (capped at :data:`MAX_BYTES`) or raise UnreadableInput."""
    d = zlib.decompressobj(wbits=31)
    try:
        out = d.decompress(data, MAX_BYTES + 1)
    except zlib.error as exc:
        raise UnreadableInput(f"{source}: corrupt gzip data ({exc}); re-create the .gz file") from None
    if len(out) > MAX_BYTES or d.unconsumed_tail:
        raise UnreadableInput(f"{source}: decompresses to more than {MAX_BYTES >> 20} MiB; split it into articles")
    if not d.eof:
        raise UnreadableInput(f"{source}: truncated gzip data; re-create the .gz file")
    return out


def decode(data: bytes, source: str, html: bool = False) -> str:
    """Decode an article's bytes to text, or raise UnreadableInput naming ``source``.

    Tried in order: gzip (by its magic bytes), a byte-order mark (UTF-8, UTF-16,
    UTF-32), a ``<meta charset>`` when ``html``, UTF-8, then Windows-1252 (a superset
    of Latin-1 for text; its five undefined bytes read as Latin-1).  Known binary
    formats and data full of control characters are refused.
    """
    if data[:2] == b"\x1f\x8b":
        data = gunzip(data, source)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise UnreadableInput(f"{source}: looks like {what}")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise UnreadableInput(
                    f"{source}: starts with a {encoding.upper().removesuffix('-SIG')} byte-order mark but is not "
                    f"valid {encoding.upper().removesuffix('-SIG')} at byte {exc.start}; re-save it as UTF-8"
                ) from None
    text = _decode_unmarked(data, html)
    if text is None or _looks_binary(text):
        raise UnreadableInput(f"{source}: looks binary, not text; pass a text or HTML article")
    return text


def _decode_unmarked(data: bytes, html: bool) -> str | None:
    sample = data[:8192]
    if b"\x00" in sample:
        # UTF-16 without a BOM puts a NUL in every other byte of ASCII text; anything
        # else with NULs is binary.
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        half = len(sample) // 2 or 1
        for encoding, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
            if zeros > 0.3 * half and other == 0:
                try:
                    return data.decode(encoding)
                except UnicodeDecodeError:
                    return None
        return None
    if html:
        m = _META_CHARSET.search(data[:4096])
        if m:
            try:
                encoding = codecs.lookup(m.group(1).decode("ascii")).name
            except LookupError:
                encoding = None
            if encoding and not encoding.startswith(("utf-16", "utf-32")):
                try:
                    return data.decode(encoding)
                except UnicodeDecodeError:
                    pass  # a lying <meta>: fall back to what the bytes say
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "kgbuild-latin1")


# C0 controls but tab, LF, VT, FF and CR; DEL and C1.  Counted by the regex engine:
# a Python test per character cost more than reading and decoding the file.
_BINARY_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    controls = len(_BINARY_CONTROLS.findall(sample))
    return controls > max(8, len(sample) // 50)


# --------------------------------------------------------------------------- HTML → text

_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "math", "head", "nav", "aside", "form",
                        "button", "select", "iframe", "object", "canvas", "dialog", "figure"})
_PAGE_FURNITURE = frozenset({"header", "footer"})  # skipped unless inside <article>/<main>
_BLOCK_TAGS = frozenset({"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
                         "li", "dl", "dt", "dd", "table", "tr", "blockquote", "pre", "hr", "address", "header",
                         "footer", "figcaption", "details", "summary", "body", "html", "title", "caption"})
_VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                        "track", "wbr"})
_SPACES = re.compile(r"[ \t\n\r\f]+")


class _TextExtractor(HTMLParser):
    """Collects the visible text of a page as paragraphs; entities are decoded by HTMLParser."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._line: list[str] = []
        self._skip: list[str] = []  # open elements whose content is dropped
        self._content_depth = 0  # open <article>/<main> elements
        self._pre = 0

    def _break(self, blank: bool = True) -> None:
        line = "".join(self._line)
        if not self._pre:
            line = line.strip(" ")
        self._line = []
        if line:
            self.paragraphs.append(line)
        if blank and self.paragraphs and self.paragraphs[-1] != "":
            self.paragraphs.append("")

    def handle_starttag(self, tag, attrs):
        if tag in _VOID_TAGS:
            if tag == "br" and not self._skip:
                self._break(blank=False)
            return
        hidden = any(name == "hidden" or (name == "aria-hidden" and value == "true") for name, value in attrs)
        if self._skip or tag in _SKIP_TAGS or hidden or (tag in _PAGE_FURNITURE and not self._content_depth):
            self._skip.append(tag)
            return
        if tag in _BLOCK_TAGS:
            self._break()
        if tag in ("article", "main"):
            self._content_depth += 1
        if tag == "pre":
            self._pre += 1

    def handle_startendtag(self, tag, attrs):
        if tag == "br" and not self._skip:
            self._break(blank=False)

    def handle_endtag(self, tag):
        if self._skip:
            if tag in self._skip:  # tolerate unclosed children of a skipped element
                del self._skip[len(self._skip) - 1 - self._skip[::-1].index(tag):]
            elif tag in ("body", "html"):
                self._skip.clear()
            return
        if tag in _BLOCK_TAGS:
            self._break()
        if tag in ("article", "main") and self._content_depth:
            self._content_depth -= 1
        if tag == "pre" and self._pre:
            self._pre -= 1

    def handle_data(self, data):
        if self._skip:
            return
        if self._pre:
            for i, part in enumerate(data.split("\n")):
                if i:
                    self._break(blank=False)
                self._line.append(part)
            return
        text = _SPACES.sub(" ", data)
        if self._line and "".join(self._line).endswith(" ") and text.startswith(" "):
            text = text[1:]
        self._line.append(text)

    def text(self) -> str:
        self._break()
        out, previous_blank = [], True
        for p in self.paragraphs:
            if p == "":
                if not previous_blank:
                    out.append("")
                previous_blank = True
            else:
                out.append(p)
                previous_blank = False
        return "\n".join(out).strip("\n") + "\n"


def html_to_text(markup: str) -> str:
    """The readable text of an HTML page: tags stripped, entities decoded, one blank line between blocks.

    The contents of ``script``, ``style``, ``head``, ``nav``, ``aside``, forms and
    hidden elements are dropped, and so are page-level ``header``/``footer``
    (those inside ``<article>`` or ``<main>`` hold the headline and are kept).
    """
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = parser.text()
    return "" if not text.strip() else text


def looks_like_html(text: str) -> bool:
    """True if ``text`` starts like an HTML page (doctype, ``<html>``, ``<head>`` or ``<body>``)."""
    return bool(_HTML_SNIFF.match(text[:4096]))


# --------------------------------------------------------------------------- normalisation


@functools.cache
def _invisible() -> re.Pattern:
    # Format characters (soft hyphen, zero-width space, bidi controls, BOM, ...) split
    # words the reader sees as one ("Tele\u00adgram") and hide text; control
    # characters have no place in prose.  ZWJ/ZWNJ (emoji sequences, Indic and
    # Persian spelling) and tag characters (flag sequences) are kept.
    keep = {0x200C, 0x200D, *range(0xE0020, 0xE0080)}
    drop = [c for c in range(sys.maxunicode + 1)
            if unicodedata.category(chr(c)) == "Cf" and c not in keep]
    drop += [c for c in range(0x20) if chr(c) not in "\t\n"] + list(range(0x7F, 0xA0))
    return re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(drop)) + "]")


@functools.cache
def _odd_spaces() -> re.Pattern:
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Zs" and c != 0x20]
    return re.compile("[" + "".join(spaces) + "]")


_LINE_BREAKS = re.compile("\r\n?|[\x0b\x0c\x85\u2028]")
_NONCHARACTERS = re.compile("[\ufdd0-\ufdef\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def normalize_text(text: str) -> str:
    """Clean text once, when read, so every later stage sees the same string.

    Lone surrogates become U+FFFD (a surrogate pair made of two code points is
    joined); line breaks become ``\\n`` (U+2029 a blank line); no-break and other
    odd spaces become a plain space; invisible format characters and control
    characters (other than tab and newline) are removed; noncharacters become
    U+FFFD; the result is in Unicode NFC.
    """
    if _SURROGATE.search(text):  # rare: a regex scan first, as valid_unicode tests each character in Python
        text = valid_unicode(text)
    text = _LINE_BREAKS.sub("\n", text).replace("\u2029", "\n\n")
    text = _odd_spaces().sub(" ", text)
    text = _invisible().sub(lambda m: " " if m.group() < "\xa0" else "", text)
    text = _NONCHARACTERS.sub("\ufffd", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def clean_name(name: str) -> str:
    """A source name that is valid Unicode (file names may hold undecodable bytes)."""
    return valid_unicode(name)


# --------------------------------------------------------------------------- chunks

_PARAGRAPH_END = re.compile(r"\n[ \t]*\n\s*")
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]]*\s+")
_WHITESPACE_END = re.compile(r"\s+")


def chunks(text: str, max_chars: int) -> list[tuple[int, str]]:
    """Split ``text`` into ``(offset, chunk)`` pieces of at most ``max_chars`` characters.

    Pieces end at a paragraph break where possible (as many whole paragraphs per
    piece as fit), else at a sentence end, else at whitespace, else mid-word (never
    inside a combining sequence if it can help it).  ``chunk == text[offset:offset +
    len(chunk)]`` and the pieces concatenate to ``text``, so positions within a piece
    plus its offset are positions in ``text``.  Used to stay under spaCy's
    ``nlp.max_length``.
    """
    if max_chars < 1:
        raise ValueError("max_chars must be at least 1")
    out: list[tuple[int, str]] = []
    start, n = 0, len(text)
    while n - start > max_chars:
        end = _cut(text, start, start + max_chars)
        out.append((start, text[start:end]))
        start = end
    out.append((start, text[start:]))
    return out


def _cut(text: str, start: int, limit: int) -> int:
    for pattern in (_PARAGRAPH_END, _SENTENCE_END, _WHITESPACE_END):
        best = None
        for m in pattern.finditer(text, start, limit):
            if m.end() > start:
                best = m.end()
        if best is not None:
            return best
    end = limit
    while end > start + 1 and (unicodedata.combining(text[end]) or text[end] in "\u200c\u200d\ufe0e\ufe0f"
                               or "\U0001f3fb" <= text[end] <= "\U0001f3ff"):
        end -= 1
    return end


# --------------------------------------------------------------------------- files


def article_from_bytes(data: bytes, source_name: str, where: str | None = None,
                       html: bool | None = None) -> Article:
    """Decode, de-HTML and normalise ``data`` into an Article, or raise UnreadableInput.

    ``where`` names the input in messages (default: ``source_name``); ``html`` forces
    or forbids HTML handling (default: sniff the text).
    """
    where = shown(where or source_name)
    text = decode(data, where, html=html is not False)
    if html or (html is None and looks_like_html(text)):
        text = html_to_text(text)
    text = normalize_text(text)
    if not text.strip():
        raise UnreadableInput(f"{where}: empty{' after stripping HTML' if html else ''}; nothing to extract")
    return Article(clean_name(source_name), text)


def _is_html_name(name: str) -> bool:
    return name.lower().endswith(HTML_EXTENSIONS)


def source_name_of(name: str) -> str:
    """The source name of a file called ``name``: ``.gz`` is dropped (``a.txt.gz`` → ``a.txt``)."""
    return name[:-3] if name.lower().endswith(".gz") and len(name) > 3 else name


def read_article(path: Path, source_name: str | None = None) -> Article:
    """Read one file as an Article (gzip, encodings and HTML handled); UnreadableInput if it cannot be."""
    source_name = source_name_of(source_name or path.name)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UnreadableInput(f"{shown(path)}: {size >> 20} MiB is more than kgbuild reads "
                                  f"({MAX_BYTES >> 20} MiB); split it into articles")
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise UnreadableInput(f"{shown(path)}: is a folder, not a file") from None
    except OSError as exc:
        raise UnreadableInput(
            f"{shown(path)}: cannot read ({exc.strerror or exc}); check the file and its permissions") from None
    if len(data) > MAX_BYTES:
        raise UnreadableInput(f"{shown(path)}: more than {MAX_BYTES >> 20} MiB; split it into articles")
    html = True if _is_html_name(source_name) else None
    return article_from_bytes(data, source_name, where=str(path), html=html)


def _wanted(name: str) -> bool:
    return source_name_of(name).lower().endswith(ARTICLE_EXTENSIONS) and not name.startswith(".")


def iter_paths(inputs: Iterable[str | os.PathLike]) -> Iterator[tuple[Path | None, str]]:
    """(path, source name) for every input; ``-`` yields (None, "stdin").

    Folders are walked recursively in name order for article files (see
    :data:`ARTICLE_EXTENSIONS`, optionally ``.gz``), skipping hidden files and
    folders; a sub-folder that cannot be listed is skipped with a warning.  A file
    named explicitly is read whatever its extension.
    """
    for item in inputs:
        if str(item) == "-":
            yield None, "stdin"
            continue
        p = Path(item)
        if p.is_dir():
            yield from _walk(p)
        elif p.exists():
            yield p, p.name
        else:
            raise InputNotFound(f"{shown(p)}: no such file or folder; pass article files, folders or - for stdin")


def _walk(root: Path) -> Iterator[tuple[Path, str]]:
    def on_error(exc: OSError) -> None:
        warnings.warn(f"{shown(exc.filename)}: cannot list folder ({exc.strerror}); check its permissions",
                      SkippedInput, stacklevel=4)

    for folder, dirs, files in os.walk(root, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            f = Path(folder, name)
            if _wanted(name) and (f.is_file() or not f.exists()):
                yield f, f.relative_to(root).as_posix()


def check_inputs(inputs: Iterable[str | os.PathLike]) -> None:
    """Fail fast, before any work, if an input path does not exist."""
    for item in inputs:
        if str(item) != "-" and not os.path.lexists(item):
            raise InputNotFound(f"{shown(item)}: no such file or folder; pass article files, folders or - for stdin")


def unique_paths(inputs: Iterable[str | os.PathLike], strict: bool = False) -> Iterator[tuple[Path | None, str]]:
    """:func:`iter_paths`, each source name once.

    A second file with an already used source name would replace the first's graph,
    so it is skipped with a :class:`SkippedInput` warning (raised with ``strict``);
    the same file named twice is read once.
    """
    seen: dict[str, str] = {}
    for path, name in iter_paths(inputs):
        if path is None:
            yield path, name
            continue
        key, where = clean_name(source_name_of(name)), str(path.resolve())
        first = seen.get(key)
        if first is None:
            seen[key] = where
            yield path, name
        elif first != where:
            skip(UnreadableInput(f"{shown(path)}: same source name {shown(key)!r} as {shown(first)}, whose graph "
                                 "it would replace; rename one, or pass their common parent folder"), strict)


def skip(error: UnreadableInput, strict: bool) -> None:
    """Raise ``error`` if ``strict``, else warn with :class:`SkippedInput` (the build reports it and goes on)."""
    if strict:
        raise error
    warnings.warn(str(error), SkippedInput, stacklevel=3)


def read_articles(inputs: Iterable[str | os.PathLike], strict: bool = False) -> Iterator[Article]:
    """Lazily yield Articles from files, folders and stdin.

    A bad file (binary, empty, undecodable, unreadable, or a second file with an
    already used source name) is skipped with a :class:`SkippedInput` warning naming
    it, unless ``strict``, where its error is raised.  An input path that does not
    exist raises :class:`~kgbuild.errors.InputNotFound` (call :func:`check_inputs`
    first to find out before any work).
    """
    for path, name in unique_paths(inputs, strict):
        try:
            if path is None:
                yield article_from_bytes(read_stdin(), name, where="stdin")
            else:
                yield read_article(path, name)
        except UnreadableInput as exc:
            skip(exc, strict)


def read_stdin() -> bytes:
    """Standard input's bytes (at most :data:`MAX_BYTES`), or UnreadableInput."""
    if sys.stdin is None:
        raise UnreadableInput("stdin: closed; pipe an article into kgbuild or pass files")
    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise UnreadableInput(f"stdin: more than {MAX_BYTES >> 20} MiB; split it into articles")
    return data


__all__ = [
    "ARTICLE_EXTENSIONS", "Article", "HTML_EXTENSIONS", "MAX_BYTES", "SkippedInput", "TEXT_EXTENSIONS",
    "article_from_bytes", "check_inputs", "chunks", "clean_name", "decode", "gunzip", "html_to_text",
    "iter_paths", "looks_like_html", "normalize_text", "read_article", "read_articles", "read_stdin", "skip",
    "source_name_of", "unique_paths",
]
