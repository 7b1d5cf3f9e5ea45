"""RDF formats by name: reading files into a store and writing stores out.

A registry, rdflib style: ``FORMATS["turtle"]`` knows its Oxigraph format, its file
extensions and whether it carries named graphs.  Writes are atomic.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .errors import InputNotFound, InvalidGraph, UnknownFormat, UnreadableInput, choices, one_line, shown
from .fileio import atomic_output
from .vocab import PREFIXES


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


def write_store(store: ox.Store, path: str | os.PathLike, fmt: Format) -> None:
    """Write ``store`` to ``path`` atomically.

    Single-graph formats get the union of all graphs, deduplicated and sorted so
    that the same graph always gives the same bytes, subjects grouped together.
    """
    with atomic_output(path) as fh:
        if fmt.datasets:
            store.dump(fh, fmt.rdf_format, prefixes=PREFIXES if fmt.name == "trig" else None)
        else:
            ox.serialize(union_triples(store), fh, fmt.rdf_format,
                         prefixes=PREFIXES if fmt.name in ("turtle", "xml") else None)


def union_triples(store: ox.Store):
    """Distinct triples of all graphs, sorted by subject, predicate, object."""
    results = store.query(
        "SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o",
        use_default_graph_as_union=True,
    )
    for s, p, o in results:
        yield ox.Triple(s, p, o)


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
