"""The graph store: an Oxigraph dataset with one named graph per source document.

In memory for a one-off build, on disk (``--store DIR``) to accumulate articles
over time.  Adding a document replaces that document's named graph in one
transaction, so re-adding an unchanged article changes nothing (the store is not
even written to) and a changed one replaces exactly its earlier statements.

The default graph holds the union of the document graphs, and queries read it.
(Oxigraph 0.5's own union view counts a statement once per document that holds
it, which inflates COUNTs and repeats rows; a graph is a set, and a statement
found in five articles is one statement.)  On disk, every change keeps the union
in step in the same transaction, so a crash can never leave it behind the
documents.  In memory, where there is no crash to survive, new documents go
into their own graphs only, and the union takes them in, in one pass, before
the next query or change; exports and counts work the union out from the
document graphs themselves, which costs less again.  A build adds thousands of
documents, writes its file and counts: it never inserts a statement twice
(docs/benchmarks-throughput.md has the figures).

An on-disk store is Oxigraph's RocksDB layout, so ``oxigraph serve --location DIR``
can serve it too (when no kgbuild process has it open).  One process at a time
may open it for writing; readers (``kgbuild query --store``) open a read-only
snapshot and may run while a build adds to it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
import rdflib

from . import graph as kggraph
from . import iris
from .errors import InputNotFound, StoreError, shown
from .records import DocumentRecords
from .serialize import Format, get_format, read_into, serialize_store, write_store
from .vocab import KG

# RocksDB writes this file first in every store; its presence tells a store from any other folder.
_MARKER = "CURRENT"
# kgbuild's own note in the stores it creates: their default graph is the union it maintains.
_OURS = "KGBUILD-STORE.txt"
_OURS_TEXT = ("A kgbuild store: an Oxigraph (RocksDB) database with one named graph per source article;\n"
              "its default graph is the union of those graphs, maintained by kgbuild.  Serve it with\n"
              "`oxigraph serve --location DIR` when no kgbuild process has it open.\n")


class GraphStore:
    """A dataset of per-document named graphs, queried as their union."""

    def __init__(self, store: ox.Store, path: Path | None = None, read_only: bool = False):
        self._store = store
        self.path = path
        self.read_only = read_only
        # False once the store may have been changed other than through this class
        # (``.oxigraph``, or loading a dataset file): the union is then rebuilt on next use.
        self._union_current = True
        # True when the default graph also holds statements of its own (a dataset file
        # with both a default graph and named graphs), which exports must keep.
        self._own_default = False
        # New document graphs of an in-memory store whose statements the union does not
        # hold yet: queries (and every other change) take them in first; exports and
        # counts work around them (_to_export).
        self._pending: list[ox.NamedNode] = []
        # The number of distinct triples, when an export has just counted them (a build
        # writes its file, then asks); any change forgets it.
        self._triples: int | None = None

    @classmethod
    def memory(cls) -> GraphStore:
        """A new, empty in-memory store."""
        return cls(ox.Store())

    @classmethod
    def open(cls, directory: str | os.PathLike, read_only: bool = False) -> GraphStore:
        """Open a persistent store in ``directory``, creating it if needed (unless ``read_only``).

        Raises StoreError when another process has the store open for writing,
        when ``directory`` is a file or a folder of other files, or when the store
        is damaged; InputNotFound for a read-only open of a missing store.
        """
        path = Path(directory)
        name = shown(path)
        if path.exists() and not path.is_dir():
            raise StoreError(f"{name}: is a file, not a store directory; give --store a directory")
        is_store = (path / _MARKER).is_file()
        if read_only and not is_store:
            if path.is_dir() and any(path.iterdir()):
                raise StoreError(f"{name}: not a kgbuild store (no Oxigraph database in it); "
                                 f"create one with `kgbuild build --store DIR INPUT...`")
            raise InputNotFound(f"{name}: no such store; create one with `kgbuild build --store {name} INPUT...`")
        if not is_store and path.is_dir() and any(path.iterdir()):
            raise StoreError(f"{name}: this folder holds other files, not a store; "
                             "give --store a new or empty directory")
        try:
            store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
        except OSError as exc:
            raise StoreError(_open_error(name, exc)) from None
        if not is_store and not read_only:
            (path / _OURS).write_text(_OURS_TEXT, encoding="utf-8")
        graph = cls(store, path, read_only)
        if not (path / _OURS).is_file():
            # A store filled by other tools (``oxigraph load``): its default graph is data of its own,
            # and the union of its named graphs is added to it on first use.
            graph._own_default = True
            graph._union_current = next(store.named_graphs(), None) is None
        return graph

    @classmethod
    def load(cls, path: str | os.PathLike, format: str | None = None) -> GraphStore:
        """Read an RDF file into a new in-memory store."""
        p = Path(path)
        if not p.is_file():
            raise InputNotFound(f"{shown(p)}: no such graph file; build one with `kgbuild build INPUT -o {shown(p)}`")
        store = cls.memory()
        fmt = get_format(format, p)
        if not _load_plain(store._store, p, fmt):
            read_into(store._store, p, fmt)  # blank nodes to rename, or an error to report
        # What the file put in the default graph is data of its own (all of it, for Turtle).
        store._own_default = next(store._store.quads_for_pattern(None, None, None, ox.DefaultGraph()),
                                  None) is not None
        store._union_current = next(store._store.named_graphs(), None) is None
        return store

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store.

        Its default graph holds the union of the named graphs.  Changing the named
        graphs directly is allowed: the union the queries read is rebuilt from them
        on next use (a full pass: :meth:`add_document` and :meth:`load_documents`
        keep it in step at no such cost).
        """
        if not self.read_only:
            self._add_pending()
            self._union_current = False
            self._triples = None
        return self._store

    def _current(self) -> ox.Store:
        # The store, with its default graph holding the union of the named graphs.
        if not self._union_current:
            if not self.read_only:
                named = b"".join(self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g)
                                 for g in self._store.named_graphs())
                if not self._own_default:
                    self._store.clear_graph(ox.DefaultGraph())  # drop statements of replaced documents
                self._store.load(named, format=ox.RdfFormat.N_TRIPLES)
                self._union_current = True
                self._pending.clear()  # the pass took them in
        else:
            self._add_pending()
        return self._store

    def _add_pending(self) -> None:
        # Put the statements of the pending document graphs into the union, in one update.
        if not self._pending:
            return
        if self._union_current and next(self._store.quads_for_pattern(None, None, None, ox.DefaultGraph()),
                                        None) is None:
            # The union is empty, and exact, so every named graph is a pending one: one scan of them all.
            self._store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        else:
            self._store.update(" ;\n".join(f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH <{g.value}> {{ ?s ?p ?o }} }}"
                                            for g in self._pending))
        self._pending.clear()

    def add_document(self, records: DocumentRecords) -> bool:
        """Make ``records``'s named graph hold exactly its quads; return whether anything changed.

        The replacement is one transaction: a crash leaves either the old or the
        new statements of the document, never a mix or nothing.  (In memory, a new
        document's statements reach the union before the next query; see the module
        docstring.)
        """
        graph, statements = kggraph.document_statements(records)
        ntriples = (" .\n".join(statements) + " .\n").encode("utf-8") if statements else b""
        return self._put_graph(ox.NamedNode(graph), ntriples)

    def _put_graph(self, g: ox.NamedNode, ntriples: bytes) -> bool:
        # Make the named graph g hold exactly the triples ``ntriples`` (N-Triples, one
        # statement per line as Oxigraph writes them).  The store parses them itself,
        # in Rust: cheaper than handing it a Python Quad per statement.
        self._triples = None
        if not self._store.contains_named_graph(g):
            if self.path is None:
                # In memory: the document's graph now, its statements in the union before the next read.
                self._store.load(ntriples, format=ox.RdfFormat.N_TRIPLES, to_graph=g)
                self._pending.append(g)
                return True
            # One transaction (one load): the document's graph and its statements in the union.
            # A line break only ever ends a statement (literals escape theirs), so " .\n" is
            # each line's end, where N-Quads puts the graph.
            nquads = ntriples.replace(b" .\n", f" <{g.value}> .\n".encode("utf-8"))
            self._store.load(nquads + ntriples, format=ox.RdfFormat.N_QUADS)
            return True
        # Compare as stored: Oxigraph keeps numbers in canonical form ("5.0"^^xsd:decimal is "5").
        canonical = ox.Store()
        canonical.load(ntriples, format=ox.RdfFormat.N_TRIPLES, to_graph=g)
        if set(self._store.quads_for_pattern(None, None, None, g)) == set(canonical):
            return False
        self._replace_graph(g, [q.triple for q in canonical])
        return True

    def load_documents(self, nquads: bytes) -> int:
        """Add documents given as N-Quads (one named graph per document, as workers write
        them), each replacing its earlier version like :meth:`add_document`; return how
        many changed the store."""
        graphs: dict[str, list[ox.Triple]] = {}
        for q in ox.parse(nquads, format=ox.RdfFormat.N_QUADS):
            if not isinstance(q.graph_name, ox.NamedNode):
                raise ValueError("load_documents takes one named graph per document, not default-graph triples")
            graphs.setdefault(q.graph_name.value, []).append(q.triple)
        return sum(self._put_graph(ox.NamedNode(name), ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
                   for name, triples in graphs.items())

    def add_many(self, many: Iterable[DocumentRecords]) -> int:
        """Add several documents; return how many changed the store."""
        return sum(self.add_document(records) for records in many)

    def remove_document(self, source_name: str) -> bool:
        """Drop everything extracted from the document ``source_name``; return whether it was there."""
        g = ox.NamedNode(iris.graph_id(source_name))
        if not self._store.contains_named_graph(g):
            return False
        self._replace_graph(g, None)
        return True

    def _replace_graph(self, g: ox.NamedNode, triples: list[ox.Triple] | None) -> None:
        # Replace (or, with None, drop) the named graph g, and take out of the union the
        # statements no other document holds any more.  One SPARQL update is one
        # transaction in Oxigraph, so a crash leaves the old state or the new one.
        self._add_pending()  # what follows assumes the union holds every other document
        self._triples = None
        keep = set(triples or ())
        leaving = [q.triple for q in self._store.quads_for_pattern(None, None, None, g)
                   if q.triple not in keep and not self._elsewhere(q.triple, g)]
        ops = [f"DROP SILENT GRAPH <{g.value}>"]
        if leaving:
            ops.append(f"DELETE DATA {{\n{_ntriples(leaving)}}}")
        if triples:
            text = _ntriples(triples)
            ops.append(f"INSERT DATA {{\n{text}GRAPH <{g.value}> {{\n{text}}} }}")
        self._store.update(" ;\n".join(ops))

    def _elsewhere(self, t: ox.Triple, g: ox.NamedNode) -> bool:
        return any(isinstance(q.graph_name, ox.NamedNode) and q.graph_name != g
                   for q in self._store.quads_for_pattern(t.subject, t.predicate, t.object))

    def documents(self) -> list[str]:
        """Source names of the documents in the store, sorted."""
        rows = self.query(f"SELECT DISTINCT ?name WHERE {{ ?d a <{KG.Document}> ; <{KG.sourceName}> ?name }}")
        return sorted(row["name"].value for row in rows)

    def graph_names(self) -> list[str]:
        """IRIs of the named graphs (one per document), sorted."""
        return sorted(g.value for g in self._store.named_graphs())

    def graph_ntriples(self, name: str) -> bytes:
        """The triples of the named graph ``name`` as N-Triples (empty if there is no such graph)."""
        return self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name))

    def query(self, sparql: str):
        """Run SPARQL over the union of all graphs (each statement once)."""
        if self.read_only and not self._union_current:
            return self._store.query(sparql, use_default_graph_as_union=True)
        return self._current().query(sparql)

    def write(self, path: str | os.PathLike, fmt: Format | str | None = None) -> None:
        """Serialise atomically to ``path`` (format from ``fmt`` or the extension)."""
        if not isinstance(fmt, Format):
            fmt = get_format(fmt, path)
        store, default_graph = self._to_export(fmt)
        counts: dict[str, int] = {}
        write_store(store, path, fmt, default_graph, counts)
        self._triples = counts.get("triples", self._triples)

    def serialize(self, fmt: Format | str) -> bytes:
        """The store in ``fmt``, as :meth:`write` writes it."""
        if not isinstance(fmt, Format):
            fmt = get_format(fmt)
        store, default_graph = self._to_export(fmt)
        counts: dict[str, int] = {}
        data = serialize_store(store, fmt, default_graph, counts)
        self._triples = counts.get("triples", self._triples)
        return data

    def _to_export(self, fmt: Format) -> tuple[ox.Store, str]:
        # The store to export from and what its default graph holds (serialize_store's default_graph).
        if self._pending and self._union_current:
            # Documents the union does not hold yet (an in-memory build about to write its file):
            # the writer works the union out itself, for less than putting it in the default graph
            # would cost.  Dataset formats leave the union out anyway; the others read every graph
            # and drop repeats, the default graph holding only part of the union and own statements.
            return self._store, self._default_graph() if fmt.datasets else "data"
        return self._current(), self._default_graph()

    def _default_graph(self) -> str:
        if not self._union_current:  # read-only, and no union kept: the writer computes it
            return "data"
        return "union+own" if self._own_default else "union"

    def triple_count(self) -> int:
        """Number of distinct triples in the union of all graphs."""
        if self._triples is not None:
            return self._triples
        if (self._pending and self._union_current) or (self.read_only and not self._union_current):
            # Counted over every graph, repeats dropped (see _to_export for why not through the union).
            results = self._store.query(
                "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }",
                use_default_graph_as_union=True)
        else:
            results = self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        (row,) = results
        return int(row["n"].value)

    def quad_count(self) -> int:
        """Number of quads (a triple found in two documents counts twice)."""
        self._add_pending()  # counted as before: the union's copy of each triple too
        return len(self._store)

    def to_rdflib(self) -> rdflib.Graph:
        """The union as an rdflib Graph (for SHACL, isomorphism checks, small graphs)."""
        g = rdflib.Graph()
        g.parse(data=self.serialize("nt").decode("utf-8"), format="nt")
        return g

    def flush(self) -> None:
        """Make a persistent store's writes durable."""
        if self.path is not None and not self.read_only:
            self._store.flush()

    def close(self) -> None:
        """Flush and release the store (and its lock); the object is unusable afterwards."""
        self.flush()
        self._store = None

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


_HAS_BLANKS = ("ASK { { ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o) || isTRIPLE(?o)) } UNION "
               "{ GRAPH ?g { ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o) || isTRIPLE(?o)) } } }")


def _load_plain(store: ox.Store, path: Path, fmt: Format) -> bool:
    # The fast way into an empty store, all in Rust (one transaction): fine for files
    # without blank nodes, which is what kgbuild writes.  Anything else (blank nodes,
    # which read_into renames; syntax errors, which it reports) is left to read_into.
    try:
        with path.open("rb") as fh:
            store.load(fh, format=fmt.rdf_format, base_iri=path.resolve().as_uri())
    except (SyntaxError, OSError, ValueError):
        store.clear()
        return False
    if bool(store.query(_HAS_BLANKS)) or any(isinstance(g, ox.BlankNode) for g in store.named_graphs()):
        store.clear()
        return False
    return True


def _ntriples(triples) -> str:
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")


def _open_error(name: str, exc: OSError) -> str:
    text = str(exc)
    if "lock" in text.lower():
        return (f"{name}: the store is in use by another process (kgbuild build, or oxigraph serve); "
                "wait for it to finish, or query a copy")
    return f"{name}: cannot open the store ({text}); check the directory and its permissions"


def open_graph(graph: str | os.PathLike | None = None, store: str | os.PathLike | None = None,
               writable: bool = False) -> GraphStore:
    """Open what a command was pointed at: a graph file, or a store (``--store DIR``, or a directory as GRAPH).

    Stores open read-only unless ``writable``, so that reading one while a build
    adds to it works.
    """
    if store is None and graph is not None and Path(graph).is_dir():
        store = graph
    if store:
        if not writable and not Path(store).is_dir():
            raise InputNotFound(f"{shown(store)}: no such store; "
                                f"create one with `kgbuild build --store {shown(store)} INPUT...`")
        return GraphStore.open(store, read_only=not writable)
    if graph is None:
        raise InputNotFound("no graph given: pass a graph file (e.g. out/graph.ttl) or --store DIR")
    return GraphStore.load(graph)
