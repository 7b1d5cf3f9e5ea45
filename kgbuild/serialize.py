"""RDF formats by name: reading files into a store and writing stores out.

A registry, rdflib style: ``FORMATS["turtle"]`` knows its Oxigraph format, its file
extensions and whether it carries named graphs.  Writes are atomic.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .errors import (InputNotFound, InvalidGraph, OutputError, UnknownFormat, UnreadableInput, choices, one_line,
                     shown)
from .fileio import atomic_output
from .vocab import ENTITY_CLASSES, PREFIXES, RDF, RESOURCE_BASE, XSD

try:  # the Turtle writer's loops in C (kgbuild/_turtle.c), built at install time when a compiler is there
    from ._turtle import lay_out as _c_lay_out
    from ._turtle import rows_of_ntriples as _c_rows  # (the rows turtle_of_ntriples lays out, for the tests)
    from ._turtle import turtle_of_ntriples as _c_turtle
except ImportError:  # pragma: no cover - exercised on machines without a C compiler
    _c_lay_out = _c_rows = _c_turtle = None


@dataclass(frozen=True)
class Format:
    """An RDF serialisation kgbuild reads and writes."""

    name: str
    rdf_format: ox.RdfFormat
    extensions: tuple[str, ...]
    datasets: bool  # carries named graphs (and so per-document provenance graphs)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("turtle", ox.RdfFormat.TURTLE, (".ttl", ".turtle"), False),
        Format("nt", ox.RdfFormat.N_TRIPLES, (".nt",), False),
        Format("nq", ox.RdfFormat.N_QUADS, (".nq",), True),
        Format("trig", ox.RdfFormat.TRIG, (".trig",), True),
        Format("jsonld", ox.RdfFormat.JSON_LD, (".jsonld", ".json"), True),
        Format("xml", ox.RdfFormat.RDF_XML, (".rdf", ".xml", ".owl"), False),
    )
}
ALIASES = {"ttl": "turtle", "ntriples": "nt", "n-triples": "nt", "nquads": "nq", "n-quads": "nq",
           "json-ld": "jsonld", "rdfxml": "xml", "rdf/xml": "xml"}


def get_format(name: str | None = None, path: str | os.PathLike | None = None) -> Format:
    """The format called ``name``, or else the one ``path``'s extension implies."""
    if name:
        key = ALIASES.get(name.lower(), name.lower())
        if key not in FORMATS:
            raise UnknownFormat(f"unknown RDF format {name!r}; choose one of: {choices(FORMATS)}")
        return FORMATS[key]
    suffix = Path(path or "").suffix.lower()
    for fmt in FORMATS.values():
        if suffix in fmt.extensions:
            return fmt
    raise UnknownFormat(
        f"cannot tell the RDF format of {str(path)!r} from its extension; "
        f"pass --format with one of: {choices(FORMATS)}"
    )


def write_store(store: ox.Store, path: str | os.PathLike, fmt: Format, default_graph: str = "data",
                counts: dict[str, int] | None = None) -> None:
    """Write ``store`` to ``path`` atomically, deterministically.

    The same graph always gives the same bytes (statements sorted), whatever order
    it was built in.  Single-graph formats (Turtle, N-Triples, RDF/XML) get the
    union of all graphs, deduplicated; TriG, N-Quads and JSON-LD keep one named
    graph per source document.  Turtle and TriG are kgbuild's own readable layout
    (:func:`turtle_text`); the others are Oxigraph's writers fed sorted input.

    ``default_graph`` says what the store's default graph holds: ``"data"``
    (statements of its own, like any dataset), ``"union"`` (the union of the named
    graphs, kept by :class:`~kgbuild.store.GraphStore`: read for the union, not
    written again in dataset formats) or ``"union+own"`` (that union plus
    statements of its own, which dataset formats write in the default graph).

    ``counts``, if given, receives ``"triples"``, the number of distinct triples
    written, when the format is Turtle or N-Triples (whose writers find it out).
    """
    with atomic_output(path) as fh:
        fh.write(serialize_store(store, fmt, default_graph, counts))


def serialize_store(store: ox.Store, fmt: Format | str, default_graph: str = "data",
                    counts: dict[str, int] | None = None) -> bytes:
    """``store`` serialised in ``fmt``, as :func:`write_store` writes it."""
    if not isinstance(fmt, Format):
        fmt = get_format(fmt)
    if default_graph not in ("data", "union", "union+own"):
        raise ValueError(f"default_graph must be 'data', 'union' or 'union+own', not {default_graph!r}")
    union_in_default = default_graph != "data"
    if fmt.name == "turtle":
        if _c_turtle is not None:
            laid_out = _turtle_of_ntriples(_union_dump(store, union_in_default))
            if laid_out is not None:
                if counts is not None:
                    counts["triples"] = laid_out[1]
                return laid_out[0]
        rows = union_rows(store, union_in_default)
        if counts is not None:
            counts["triples"] = len(rows)
        return turtle_text(rows)
    if fmt.name == "nt":
        data = union_ntriples(store, union_in_default)
        if counts is not None:
            counts["triples"] = data.count(b"\n")
        return data
    if not fmt.datasets:  # RDF/XML
        triples = ox.parse(union_ntriples(store, union_in_default), format=ox.RdfFormat.N_TRIPLES)
        return ox.serialize(_xml_safe(triples), format=fmt.rdf_format, prefixes=PREFIXES)
    graphs = _graph_ntriples(store, default_graph, named=fmt.name != "trig")
    if fmt.name == "trig":
        return turtle_text(_rows_of_graphs(store, graphs), graphs=True)
    if fmt.name == "nq":
        return b"".join(_with_graph(data, graph) for graph, data in graphs)
    # JSON-LD: one object per named graph, each graph's statements sorted
    return ox.serialize((ox.Quad(t.subject, t.predicate, t.object, graph) for graph, data in graphs
                         for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)), format=fmt.rdf_format)


#: Formats :func:`write_statements` writes (single-graph formats kgbuild lays out itself).
STATEMENT_FORMATS = ("turtle", "nt")


def write_statements(statements: set[str], path: str | os.PathLike, fmt: Format) -> int:
    """Write the union of documents' statements to ``path`` atomically, as
    :func:`write_store` writes a store holding them; return how many were written.

    ``statements`` are spelt as :func:`kgbuild.graph.document_statements` spells
    them; ``fmt`` is one of :data:`STATEMENT_FORMATS`.
    """
    if fmt.name == "turtle":
        laid_out = _turtle_of_ntriples("\n".join(statements).encode("utf-8")) if _c_turtle is not None else None
        if laid_out is None:
            rows = statement_rows(statements)
            laid_out = turtle_text(rows), len(rows)
        data, count = laid_out
    elif fmt.name == "nt":
        # Canonical spelling: sorting the text sorts the lines as sorting Oxigraph's dump does.
        lines = sorted(statements)
        data, count = "".join(line + " .\n" for line in lines).encode("utf-8"), len(lines)
    else:
        raise ValueError(f"write_statements writes one of {', '.join(STATEMENT_FORMATS)}, not {fmt.name!r}")
    with atomic_output(path) as fh:
        fh.write(data)
    return count


# Characters XML 1.0 cannot hold, not even as character references.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(triples):
    for t in triples:
        if isinstance(t.object, ox.Literal):
            bad = _NOT_XML.search(t.object.value)
            if bad:
                raise OutputError(f"a literal holds U+{ord(bad.group()):04X}, which RDF/XML (XML 1.0) cannot hold "
                                  f"(in {t.object.value[:40]!r}); export Turtle, N-Triples or JSON-LD instead")
        yield t


def _graph_ntriples(store: ox.Store, default_graph: str,
                    named: bool = True) -> list[tuple[ox.DefaultGraph | ox.NamedNode, bytes]]:
    # (graph, its sorted N-Triples): the default graph if it has statements of its own
    # to write, then (if ``named``) each named graph.
    def ntriples(graph) -> bytes:
        return _sorted_lines(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph))

    names = sorted(store.named_graphs(), key=lambda g: g.value)
    default, dg = b"", ox.DefaultGraph()
    if default_graph == "data" or not names:
        default = ntriples(dg)
    elif default_graph == "union+own":
        in_named = {line for g in names for line in ntriples(g).splitlines()}
        own = set(ntriples(dg).splitlines()) - in_named
        default = b"".join(line + b"\n" for line in sorted(own))
    out = [(dg, default)] if default else []
    return out + [(g, ntriples(g)) for g in names] if named else out


def _with_graph(data: bytes, graph) -> bytes:
    if isinstance(graph, ox.DefaultGraph):
        return data
    suffix = f" <{graph.value}> .\n".encode()
    return b"".join(line[:-2] + suffix for line in data.splitlines())


def _rows_of_graphs(store: ox.Store, graphs) -> list[bytes]:
    # TriG rows: the default graph's (if it is written) with an empty first cell, then the named graphs'.
    rows: list[bytes] = []
    for graph, data in graphs:
        if isinstance(graph, ox.DefaultGraph):
            tmp = ox.Store()
            tmp.load(data, format=ox.RdfFormat.N_TRIPLES)
            tsv = tmp.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }").serialize(format=ox.QueryResultsFormat.TSV)
            rows.extend(b"\t" + row for row in _sorted_rows(tsv, unique=True))
    results = store.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    rows.extend(_sorted_rows(results.serialize(format=ox.QueryResultsFormat.TSV), unique=True))
    return rows


def union_ntriples(store: ox.Store, union_in_default: bool = False) -> bytes:
    """The distinct triples of all graphs as sorted N-Triples.

    With ``union_in_default`` the default graph is known to hold them all already.
    """
    if union_in_default:
        return _sorted_lines(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()))
    # Dumping graph by graph and deduplicating after the sort beats a CONSTRUCT (measured).
    graphs = (ox.DefaultGraph(), *store.named_graphs())
    return _sorted_lines(b"".join(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g) for g in graphs))


def _sorted_lines(data: bytes) -> bytes:
    # Canonical N-Triples / N-Quads: one statement per line, so sorting lines sorts
    # statements, and equal statements end up side by side.
    lines = data.split(b"\n")
    if lines and not lines[-1]:
        lines.pop()
    unique = _sorted_unique(lines)
    return b"\n".join(unique) + b"\n" if unique else b""


def _sorted_unique(items: list[bytes]) -> list[bytes]:
    # Repeats dropped before the sort, which then has fewer items: cheaper than
    # sorting all and dropping them side by side afterwards (bytes hash once; measured).
    unique = list(dict.fromkeys(items))
    unique.sort()
    return unique


# --- Turtle and TriG -------------------------------------------------------
#
# With the C speed-up built (kgbuild/_turtle.c), Turtle is written from Oxigraph's
# N-Triples dump in one C call: rows spelt as below, sorted, deduplicated and laid out,
# byte for byte as the Python code does (tests/test_serialize.py holds the two to it).
# What follows is that Python code: the fallback, TriG's rows, and the reference.
#
# Oxigraph's query engine writes the rows (as SPARQL TSV, whose cells are Turtle
# terms, in Rust); Python sorts them and lays them out.  Sorting whole rows groups
# each subject's statements, and each predicate's objects, together: a cell holds
# no tab, so rows that share a subject share the prefix "subject<TAB>".
#
# Rows stay UTF-8 bytes from the query to the file: sorting bytes orders them as
# sorting the decoded text would (UTF-8 keeps code point order), and decoding and
# re-encoding some 25 MB per 200,000 triples was a tenth of the writer's time.
# Line widths, though, are counted in characters, as a reader sees them.

#: One prefix per kind of minted resource, so that ``…/id/country/france`` reads
#: ``country:france`` (``kgr:country/france`` would need an escaped ``\/``).
RESOURCE_KINDS = (*(c.lower() for c in ENTITY_CLASSES), "metric", "statement", "evidence",
                  "document", "sentence", "graph")

#: Prefixes the Turtle and TriG writer may use, in the order they are declared.
TURTLE_PREFIXES = {**PREFIXES, **{kind: f"{RESOURCE_BASE}{kind}/" for kind in RESOURCE_KINDS}}

_RDF_TYPE = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
# rdf:type as a predicate becomes this cell before sorting so that ``a`` comes first
# in every subject ('!' sorts before '<'; no TSV cell is ever "!").
_TYPE_KEY = b"!"
_TYPE_KEY_STR = _TYPE_KEY.decode("ascii")
_LOCAL_NAME = re.compile(rb"[A-Za-z0-9_](?:[A-Za-z0-9_-]*)")
# Raw control characters are valid in Turtle strings but unreadable and trip some
# tools; the TSV writer escapes only tab, CR and LF.  They can only occur in literals.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
# The same characters found in UTF-8 without decoding, three cheap scans instead of
# one regex over the whole text (which cost as much as the query): the one-byte ones
# (C0 but tab, LF and CR; DEL) deleted by bytes.translate, then C1 (U+0080–U+009F,
# "\xc2" + one byte) and U+2028/U+2029 by patterns that start with a fixed byte,
# which the regex engine finds by memchr.
_ONE_BYTE_CONTROLS = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_C1_CONTROL = re.compile(rb"\xc2[\x80-\x9f]")
_LINE_SEPARATOR = re.compile(rb"\xe2\x80[\xa8\xa9]")
_WIDTH = 100


def union_rows(store: ox.Store, union_in_default: bool = False) -> list[bytes]:
    """The distinct triples of all graphs as sorted rows ``s<TAB>p<TAB>o`` of Turtle terms (UTF-8).

    With ``union_in_default`` the default graph is known to hold them all already.
    """
    # Sorting and then dropping repeated rows beats SELECT DISTINCT (measured).
    results = store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", use_default_graph_as_union=not union_in_default)
    return _sorted_rows(results.serialize(format=ox.QueryResultsFormat.TSV), unique=union_in_default)


def _union_dump(store: ox.Store, union_in_default: bool) -> bytes:
    # Every graph's N-Triples, unsorted and with repeats: Oxigraph's own dump is as fast as
    # its Turtle writer, and the C code sorts, deduplicates and spells the rows from it.
    graphs = (ox.DefaultGraph(),) if union_in_default else (ox.DefaultGraph(), *store.named_graphs())
    return b"".join(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g) for g in graphs)


def _turtle_of_ntriples(data: bytes) -> tuple[bytes, int] | None:
    # The Turtle file of N-Triples lines and its count of distinct triples, all in C; None
    # when the lines hold RDF 1.2 triple terms, whose rows only Oxigraph's TSV spells (the
    # C code tells: looking for "<<" in Python costs more than laying the file out).
    names = _Names()
    laid_out = _c_turtle(data, b"", names.namespaces, names.used)
    if laid_out is None:
        return None
    body, count = laid_out
    return _with_prefixes(names, [body, b" .\n"] if count else []), count


_INTEGER_END = f'"^^<{XSD.integer}>'
_DECIMAL_END = f'"^^<{XSD.decimal}>'
_TYPE_STRING = f"<{RDF.type}>"
# Whether an N-Triples object may be spelt differently in a TSV cell than the fast
# path below spells it: an escape, or a character _CONTROL matches.
_NOT_PLAIN = re.compile(r"[\\\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")


def statement_rows(statements: Iterable[str]) -> list[bytes]:
    """The distinct statements as sorted rows, exactly as :func:`union_rows` gives
    them for a store holding those statements.

    ``statements`` are ``"<s> <p> o"`` with N-Triples terms in canonical form, as
    :func:`kgbuild.graph.document_statements` spells them (repeats allowed).  This
    is how an in-memory build writes Turtle without a store: the rows are worked out
    from the statements themselves, in Python, instead of loading them into Oxigraph
    and reading them back, which cost more than the whole layout.
    """
    rows: list[bytes] = []
    put = rows.append
    others: list[str] = []
    for st in statements if isinstance(statements, (set, dict)) else dict.fromkeys(statements):
        s, p, o = st.split(" ", 2)
        if o[0] == '"':
            if _NOT_PLAIN.search(o) is not None:
                others.append(st)  # escapes and control characters: let Oxigraph spell the cell
                continue
            # A TSV cell writes an integer, and a decimal with a point, as a bare number.
            if o.endswith(_INTEGER_END):
                o = o[1:-len(_INTEGER_END)]
            elif o.endswith(_DECIMAL_END) and "." in (number := o[1:-len(_DECIMAL_END)]):
                o = number
        put(f"{s}\t{_TYPE_KEY_STR if p == _TYPE_STRING else p}\t{o}".encode("utf-8"))
    if others:
        tmp = ox.Store()
        tmp.load(("".join(st + " .\n" for st in others)).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
        rows.extend(union_rows(tmp, union_in_default=True))
    rows.sort()
    return rows


def _has_control(tsv: bytes) -> bool:
    # Whether the UTF-8 text holds any character _CONTROL matches.
    return (len(tsv.translate(None, _ONE_BYTE_CONTROLS)) != len(tsv)
            or _C1_CONTROL.search(tsv) is not None or _LINE_SEPARATOR.search(tsv) is not None)


def _sorted_rows(tsv: bytes, unique: bool) -> list[bytes]:
    if _has_control(tsv):
        tsv = _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04X}", tsv.decode("utf-8")).encode("utf-8")
    # A raw tab only ever separates cells (the TSV writer escapes those in literals),
    # so this replaces rdf:type in the predicate cell, or in the subject cell of a
    # TriG row, which the layout maps back.
    tsv = tsv.replace(b"\t" + _RDF_TYPE + b"\t", b"\t" + _TYPE_KEY + b"\t")
    rows = tsv.split(b"\n")
    del tsv
    rows.pop(0)  # the header: ?s ?p ?o
    if rows and not rows[-1]:
        rows.pop()
    if unique:
        rows.sort()
        return rows
    return _sorted_unique(rows)


def turtle_text(rows: list[bytes], graphs: bool = False) -> bytes:
    """Lay out sorted rows as Turtle or, with ``graphs``, TriG (UTF-8).

    Rows are tab-separated Turtle terms in UTF-8, ``s p o`` (:func:`union_rows`)
    or ``g s p o`` with ``g`` empty for the default graph.

    Subjects are grouped (``;``), objects of one predicate listed (``,``, wrapped
    at about 100 columns), ``a`` first; IRIs under a known namespace become
    prefixed names when their local part is plain letters, digits, ``_`` and
    ``-``, and stay ``<…>`` otherwise.  Only the prefixes used are declared.
    """
    names = _Names()
    out: list[bytes] = []
    if not graphs:
        if _lay_out(rows, names, out.append, b""):
            out.append(b" .\n")
    else:
        graph = None
        for g, group in itertools.groupby(rows, key=lambda row: row[:row.index(b"\t")]):
            if graph is not None:
                out.append(b" .\n}\n\n" if graph else b" .\n\n")
            if g:
                out.append(names.name(g) + b" {\n")
            start = len(g) + 1
            _lay_out([row[start:] for row in group], names, out.append, b"    " if g else b"")
            graph = g
        if graph is not None:
            out.append(b" .\n}\n" if graph else b" .\n")
    return _with_prefixes(names, out)


def _with_prefixes(names: _Names, out: list[bytes]) -> bytes:
    # The prefixes used, declared in a fixed order, then the statements.
    header = "".join(f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in TURTLE_PREFIXES.items()
                     if prefix in names.used).encode("utf-8")
    # (one join: the statements of a large graph are tens of megabytes, not worth copying twice)
    return b"".join([header, b"\n" if header and out else b"", *out])


def _lay_out(rows: list[bytes], names: _Names, put, indent: bytes) -> bool:
    # The C loop when it is built (same bytes, about 20 times faster), else the Python one.
    if _c_lay_out is None:
        return _lay_out_py(rows, names, put, indent)
    if rows:
        put(_c_lay_out(rows, indent, names.namespaces, names.used))
    return bool(rows)


def _lay_out_py(rows: list[bytes], names: _Names, put, indent: bytes) -> bool:
    # Put the statements of sorted rows "s<TAB>p<TAB>o", each line indented by
    # ``indent``, subjects separated by " .\n\n" but the last left open (the caller
    # closes it); return whether there was any.  The loop runs once per triple, so
    # it does as little as it can per row: predicate lines are cached whole, and the
    # width of a line is only worked out once a second object goes on it.
    name = names.name
    known = names.known
    lines: dict[bytes, bytes] = {}  # predicate cell -> b" ;\n" + indent + "    " + its name + " "
    wrap = b",\n" + indent + b"        "
    margin = _width(indent)
    subject = predicate = None
    on = b""
    subject_line = False  # whether the current line is a subject's first
    width = 0  # the current line's width in characters, 0 until it is needed
    for row in rows:
        s, p, o = row.split(b"\t")
        if p == predicate and s == subject:  # one more object on the line: "on" is still the previous one
            if not width:
                pn = known.get(p) or name(p)
                width = _width(on) + _width(pn) + margin + (_width(_subject_name(names, s)) + 2 if subject_line
                                                            else 5)
            on = known.get(o) or name(o) if o[0] == 60 or o[-1] == 62 else o
            n = _width(on)
            width += n + 2
            if width > _WIDTH:
                put(wrap)
                width = margin + 8 + n
            else:
                put(b", ")
            put(on)
            continue
        # An IRI or a typed literal gets a name; any other object (plain text, a
        # number) is written as it is, without the cost of a dictionary look-up.
        on = known.get(o) or name(o) if o[0] == 60 or o[-1] == 62 else o
        width = 0
        if s == subject:
            line = lines.get(p)
            if line is None:
                line = lines[p] = b" ;\n" + indent + b"    " + (known.get(p) or name(p)) + b" "
            put(line)
            subject_line = False
        else:
            if subject is not None:
                put(b" .\n\n")
            put(indent + _subject_name(names, s) + b" " + (known.get(p) or name(p)) + b" ")
            subject = s
            subject_line = True
        put(on)
        predicate = p
    return subject is not None


def _subject_name(names: _Names, cell: bytes) -> bytes:
    # rdf:type as the subject of a TriG row was replaced by the "!" cell along with the
    # predicates; "!" in names.known is rdf:type as a predicate, "a".
    if cell == _TYPE_KEY:
        return names.name(_RDF_TYPE)
    return names.known.get(cell) or names.name(cell)


def _width(text: bytes) -> int:
    # Width of UTF-8 text in characters (code points), without decoding it when it is ASCII.
    return len(text) if text.isascii() else len(text.decode("utf-8"))


class _Names:
    """Turtle spellings of TSV cells: prefixed names where possible, remembered."""

    def __init__(self):
        self.by_namespace = {iri.encode("utf-8"): prefix for prefix, iri in TURTLE_PREFIXES.items()}
        self.spelt = {prefix: f"{prefix}:".encode("utf-8") for prefix in TURTLE_PREFIXES}
        self.used: set[str] = set()
        # IRIs seen before (the cache pays for itself: types, entities and
        # evidence recur); the "!" cell is rdf:type as a predicate.
        self.known: dict[bytes, bytes] = {_TYPE_KEY: b"a"}
        # The same table for the C loop: (namespace, "prefix:", prefix).
        self.namespaces = [(ns, self.spelt[prefix], prefix) for ns, prefix in self.by_namespace.items()]

    def name(self, cell: bytes) -> bytes:
        first = cell[0]
        if first == 60 and cell[1] != 60:  # "<", and not "<<" (a triple term)
            short = self._iri(cell)
            if len(self.known) < 4_000_000:
                self.known[cell] = short
            return short
        if first == 34 and cell[-1] == 62:  # '"' … '>': a typed literal, abbreviate its datatype
            at = cell.rfind(b'"^^<')
            return cell[:at + 3] + self._iri(cell[at + 3:])
        return cell  # a blank node, a plain or language-tagged literal, a number, a triple term

    def _iri(self, cell: bytes) -> bytes:
        cut = max(cell.rfind(b"/"), cell.rfind(b"#")) + 1
        prefix = self.by_namespace.get(cell[1:cut])
        if prefix is None:
            return cell
        local = cell[cut:-1]
        # (bytes.isalnum is ASCII letters and digits only: the common case without the regex.)
        if not local.isalnum() and not _LOCAL_NAME.fullmatch(local):
            return cell
        self.used.add(prefix)
        return self.spelt[prefix] + local


def read_into(store: ox.Store, path: str | os.PathLike, fmt: Format | None = None,
              base_iri: str | None = None) -> int:
    """Parse an RDF file into ``store`` and return how many quads it held.

    All or nothing: the whole file is parsed before anything is added (in one
    transaction), so a syntax error anywhere loads nothing and raises InvalidGraph
    naming the file, line and column.  Relative IRIs resolve against ``base_iri``
    (default: the file's own ``file:`` URI, as rdflib and rapper do).  Blank nodes
    get fresh identifiers: their labels only mean something within one file, so two
    files that both say ``_:b0`` do not merge, and no label unfit for RDF/XML
    (``_:0``) reaches an export.
    """
    fmt = fmt or get_format(path=path)
    p = Path(path)
    name = shown(p)
    try:
        base = base_iri or p.resolve().as_uri()
        with p.open("rb") as fh:
            quads = list(_fresh_blank_nodes(ox.parse(fh, format=fmt.rdf_format, base_iri=base)))
    except SyntaxError as exc:
        where = f" (line {exc.lineno})" if exc.lineno and "line" not in str(exc.msg) else ""
        raise InvalidGraph(f"{name}: not valid {fmt.name}{where}: {one_line(exc.msg)}; "
                           "fix the file, or pass the right --format") from None
    except FileNotFoundError:
        raise InputNotFound(f"{name}: no such graph file; check the path") from None
    except OSError as exc:
        raise UnreadableInput(f"{name}: cannot read ({exc.strerror or exc}); check the file and its permissions") \
            from None
    except ValueError as exc:  # e.g. a NUL byte in the path, or an invalid base IRI
        raise InvalidGraph(f"{name}: cannot load: {one_line(str(exc))}") from None
    store.extend(quads)
    return len(quads)


def _fresh_blank_nodes(quads):
    fresh: dict[str, ox.BlankNode] = {}

    def term(t):
        if isinstance(t, ox.BlankNode):
            node = fresh.get(t.value)
            if node is None:
                node = fresh[t.value] = ox.BlankNode()
            return node
        if isinstance(t, ox.Triple):  # an RDF 1.2 triple term
            return ox.Triple(term(t.subject), t.predicate, term(t.object))
        return t

    for q in quads:
        if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, (ox.NamedNode, ox.Literal)) \
                and not isinstance(q.graph_name, ox.BlankNode):
            yield q
        else:
            yield ox.Quad(term(q.subject), q.predicate, term(q.object), term(q.graph_name))
