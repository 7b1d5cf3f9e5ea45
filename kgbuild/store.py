"""The graph store: an Oxigraph dataset with one named graph per source document.

In memory for a one-off build, on disk (``--store DIR``) to accumulate articles
over time.  Adding a document replaces that document's named graph, so re-adding
an unchanged article changes nothing and a changed one replaces its statements.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
import rdflib

from . import graph as kggraph
from . import iris
from .errors import InputNotFound, StoreError
from .records import DocumentRecords
from .serialize import Format, get_format, read_into, union_ntriples, write_store


class GraphStore:
    """A dataset of per-document named graphs, queried as their union."""

    def __init__(self, store: ox.Store, path: Path | None = None):
        self._store = store
        self.path = path

    @classmethod
    def memory(cls) -> GraphStore:
        """A new, empty in-memory store."""
        return cls(ox.Store())

    @classmethod
    def open(cls, directory: str | os.PathLike) -> GraphStore:
        """Open (creating if needed) a persistent store in ``directory``."""
        path = Path(directory)
        try:
            return cls(ox.Store(str(path)), path)
        except OSError as exc:
            raise StoreError(
                f"{path}: cannot open the store ({exc}); is another kgbuild process using it? "
                "Wait for it to finish or use another --store directory"
            ) from None

    @classmethod
    def load(cls, path: str | os.PathLike, format: str | None = None) -> GraphStore:
        """Read an RDF file into a new in-memory store."""
        p = Path(path)
        if not p.is_file():
            raise InputNotFound(f"{p}: no such graph file; build one with `kgbuild build INPUT -o {p}`")
        store = cls.memory()
        read_into(store._store, p, get_format(format, p))
        return store

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store."""
        return self._store

    def add_document(self, records: DocumentRecords) -> None:
        """Replace the named graph of ``records``'s document with its new quads."""
        g = ox.NamedNode(str(iris.graph_iri(records.source_name)))
        quads = list(kggraph.document_quads(records))
        if self._store.contains_named_graph(g):
            self._store.remove_graph(g)
        self._store.extend(quads)

    def add_many(self, many: Iterable[DocumentRecords]) -> None:
        """Add several documents."""
        for records in many:
            self.add_document(records)

    def query(self, sparql: str):
        """Run SPARQL over the union of all graphs."""
        return self._store.query(sparql, use_default_graph_as_union=True)

    def write(self, path: str | os.PathLike, fmt: Format | str | None = None) -> None:
        """Serialise atomically to ``path`` (format from ``fmt`` or the extension)."""
        if not isinstance(fmt, Format):
            fmt = get_format(fmt, path)
        write_store(self._store, path, fmt)

    def triple_count(self) -> int:
        """Number of distinct triples in the union of all graphs."""
        (row,) = self.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")
        return int(row["n"].value)

    def to_rdflib(self) -> rdflib.Graph:
        """The union as an rdflib Graph (for SHACL, isomorphism checks, small graphs)."""
        g = rdflib.Graph()
        g.parse(data=union_ntriples(self._store).decode("utf-8"), format="nt")
        return g

    def flush(self) -> None:
        """Make a persistent store's writes durable."""
        if self.path is not None:
            self._store.flush()


def open_graph(graph: str | os.PathLike | None = None, store: str | os.PathLike | None = None) -> GraphStore:
    """Open what a command was pointed at: a graph file, or a ``--store`` directory."""
    if store:
        if not Path(store).is_dir():
            raise InputNotFound(f"{store}: no such store; create one with `kgbuild build --store {store} INPUT...`")
        return GraphStore.open(store)
    if graph is None:
        raise InputNotFound("no graph given: pass a graph file (e.g. out/graph.ttl) or --store DIR")
    return GraphStore.load(graph)
