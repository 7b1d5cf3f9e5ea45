"""RDF formats by name: reading files into a store and writing stores out.

A registry, rdflib style: ``FORMATS["turtle"]`` knows its Oxigraph format, its file
extensions and whether it carries named graphs.  Writes are atomic.
"""

from __future__ import annotations

import itertools
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .errors import (InputNotFound, InvalidGraph, OutputError, UnknownFormat, UnreadableInput, choices, one_line,
                     shown)
from .fileio import atomic_output
from .vocab import ENTITY_CLASSES, PREFIXES, RESOURCE_BASE


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


def write_store(store: ox.Store, path: str | os.PathLike, fmt: Format, default_graph: str = "data") -> None:
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
    """
    with atomic_output(path) as fh:
        fh.write(serialize_store(store, fmt, default_graph))


def serialize_store(store: ox.Store, fmt: Format | str, default_graph: str = "data") -> bytes:
    """``store`` serialised in ``fmt``, as :func:`write_store` writes it."""
    if not isinstance(fmt, Format):
        fmt = get_format(fmt)
    if default_graph not in ("data", "union", "union+own"):
        raise ValueError(f"default_graph must be 'data', 'union' or 'union+own', not {default_graph!r}")
    union_in_default = default_graph != "data"
    if fmt.name == "turtle":
        return turtle_text(union_rows(store, union_in_default)).encode("utf-8")
    if fmt.name == "nt":
        return union_ntriples(store, union_in_default)
    if not fmt.datasets:  # RDF/XML
        triples = ox.parse(union_ntriples(store, union_in_default), format=ox.RdfFormat.N_TRIPLES)
        return ox.serialize(_xml_safe(triples), format=fmt.rdf_format, prefixes=PREFIXES)
    graphs = _graph_ntriples(store, default_graph, named=fmt.name != "trig")
    if fmt.name == "trig":
        return turtle_text(_rows_of_graphs(store, graphs), graphs=True).encode("utf-8")
    if fmt.name == "nq":
        return b"".join(_with_graph(data, graph) for graph, data in graphs)
    # JSON-LD: one object per named graph, each graph's statements sorted
    return ox.serialize((ox.Quad(t.subject, t.predicate, t.object, graph) for graph, data in graphs
                         for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)), format=fmt.rdf_format)


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


def _rows_of_graphs(store: ox.Store, graphs) -> list[str]:
    # TriG rows: the default graph's (if it is written) with an empty first cell, then the named graphs'.
    rows: list[str] = []
    for graph, data in graphs:
        if isinstance(graph, ox.DefaultGraph):
            tmp = ox.Store()
            tmp.load(data, format=ox.RdfFormat.N_TRIPLES)
            tsv = tmp.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }").serialize(format=ox.QueryResultsFormat.TSV)
            rows.extend(f"\t{row}" for row in _sorted_rows(tsv, unique=True))
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
    lines.sort()
    unique = [line for line, _ in itertools.groupby(lines)]
    return b"\n".join(unique) + b"\n" if unique else b""


# --- Turtle and TriG -------------------------------------------------------
#
# Oxigraph's query engine writes the rows (as SPARQL TSV, whose cells are Turtle
# terms, in Rust); Python sorts them and lays them out.  Sorting whole rows groups
# each subject's statements, and each predicate's objects, together: a cell holds
# no tab, so rows that share a subject share the prefix "subject<TAB>".

#: One prefix per kind of minted resource, so that ``…/id/country/france`` reads
#: ``country:france`` (``kgr:country/france`` would need an escaped ``\/``).
RESOURCE_KINDS = (*(c.lower() for c in ENTITY_CLASSES), "metric", "statement", "evidence",
                  "document", "sentence", "graph")

#: Prefixes the Turtle and TriG writer may use, in the order they are declared.
TURTLE_PREFIXES = {**PREFIXES, **{kind: f"{RESOURCE_BASE}{kind}/" for kind in RESOURCE_KINDS}}

_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
# rdf:type as a predicate becomes this cell before sorting so that ``a`` comes first
# in every subject ('!' sorts before '<'; no TSV cell is ever "!").
_TYPE_KEY = "!"
_LOCAL_NAME = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_-]*)")
# Raw control characters are valid in Turtle strings but unreadable and trip some
# tools; the TSV writer escapes only tab, CR and LF.  They can only occur in literals.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
_WIDTH = 100


def union_rows(store: ox.Store, union_in_default: bool = False) -> list[str]:
    """The distinct triples of all graphs as sorted rows ``s<TAB>p<TAB>o`` of Turtle terms.

    With ``union_in_default`` the default graph is known to hold them all already.
    """
    # Sorting and then dropping repeated rows beats SELECT DISTINCT (measured).
    results = store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", use_default_graph_as_union=not union_in_default)
    return _sorted_rows(results.serialize(format=ox.QueryResultsFormat.TSV), unique=union_in_default)


def _sorted_rows(tsv: bytes, unique: bool) -> list[str]:
    text = tsv.decode("utf-8")
    del tsv
    if _CONTROL.search(text):
        text = _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04X}", text)
    # A raw tab only ever separates cells (the TSV writer escapes those in literals),
    # so this replaces rdf:type in the predicate cell, or in the subject cell of a
    # TriG row, which turtle_text maps back.
    text = text.replace(f"\t{_RDF_TYPE}\t", f"\t{_TYPE_KEY}\t")
    rows = text.split("\n")
    del text
    rows.pop(0)  # the header: ?s ?p ?o
    if rows and not rows[-1]:
        rows.pop()
    rows.sort()
    if not unique:
        rows = [row for row, _ in itertools.groupby(rows)]
    return rows


def turtle_text(rows: list[str], graphs: bool = False) -> str:
    """Lay out sorted rows as Turtle or, with ``graphs``, TriG.

    Rows are tab-separated Turtle terms, ``s p o`` (:func:`union_rows`) or
    ``g s p o`` with ``g`` empty for the default graph.

    Subjects are grouped (``;``), objects of one predicate listed (``,``, wrapped
    at about 100 columns), ``a`` first; IRIs under a known namespace become
    prefixed names when their local part is plain letters, digits, ``_`` and
    ``-``, and stay ``<…>`` otherwise.  Only the prefixes used are declared.
    """
    names = _Names()
    name = names.name
    known = names.known
    indent = ""
    out: list[str] = []
    put = out.append
    graph = subject = predicate = None
    width = 0
    for row in rows:
        if graphs:
            g, s, p, o = row.split("\t")
            if g != graph:
                if subject is not None:
                    put(" .\n}\n\n" if graph else " .\n\n")
                if g:
                    put(f"{name(g)} {{\n")
                graph, subject = g, None
                indent = "    " if g else ""
        else:
            s, p, o = row.split("\t")
        on = known.get(o) or name(o)
        if s == subject:
            if p == predicate:
                width += len(on) + 2
                if width > _WIDTH:
                    put(f",\n{indent}        {on}")
                    width = len(indent) + 8 + len(on)
                else:
                    put(f", {on}")
                continue
            pn = known.get(p) or name(p)
            put(f" ;\n{indent}    {pn} {on}")
            width = len(indent) + 5 + len(pn) + len(on)
        else:
            pn = known.get(p) or name(p)
            sn = name(_RDF_TYPE if s == _TYPE_KEY else s)
            if subject is not None:
                put(" .\n\n")
            put(f"{indent}{sn} {pn} {on}")
            width = len(indent) + len(sn) + len(pn) + len(on) + 2
            subject = s
        predicate = p
    if subject is not None:
        put(" .\n}\n" if graph else " .\n")
    header = "".join(f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in TURTLE_PREFIXES.items()
                     if prefix in names.used)
    return header + ("\n" if header and out else "") + "".join(out)


class _Names:
    """Turtle spellings of TSV cells: prefixed names where possible, remembered."""

    def __init__(self):
        self.by_namespace = {iri: prefix for prefix, iri in TURTLE_PREFIXES.items()}
        self.used: set[str] = set()
        # IRIs seen before (the cache pays for itself: types, entities and
        # evidence recur); the "!" cell is rdf:type as a predicate.
        self.known: dict[str, str] = {_TYPE_KEY: "a"}

    def name(self, cell: str) -> str:
        first = cell[0]
        if first == "<" and cell[1] != "<":
            short = self._iri(cell)
            if len(self.known) < 4_000_000:
                self.known[cell] = short
            return short
        if first == '"' and cell[-1] == ">":  # a typed literal: abbreviate its datatype
            at = cell.rfind('"^^<')
            return cell[:at + 3] + self._iri(cell[at + 3:])
        return cell  # a blank node, a plain or language-tagged literal, a number, a triple term

    def _iri(self, cell: str) -> str:
        cut = max(cell.rfind("/"), cell.rfind("#")) + 1
        prefix = self.by_namespace.get(cell[1:cut])
        if prefix is None or not _LOCAL_NAME.fullmatch(cell, cut, len(cell) - 1):
            return cell
        self.used.add(prefix)
        return f"{prefix}:{cell[cut:-1]}"


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
