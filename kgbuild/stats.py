"""Counts over a graph: documents, entities per class, relations, metrics, triples."""

from __future__ import annotations

from .query import with_prefixes
from .store import GraphStore
from .vocab import KG_NAMESPACE


def graph_stats(store: GraphStore) -> dict:
    """Counts by class and by relation, plus triples and named graphs."""
    classes, relations = {}, {}
    for row in store.query(with_prefixes(
            "SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?c } GROUP BY ?c")):
        iri = row["c"].value
        if iri.startswith(KG_NAMESPACE):
            classes[iri[len(KG_NAMESPACE):]] = int(row["n"].value)
    for row in store.query(with_prefixes(
            "SELECT ?p (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o . "
            "?st a rdf:Statement ; rdf:predicate ?p } } GROUP BY ?p")):
        iri = row["p"].value
        if iri.startswith(KG_NAMESPACE):
            relations[iri[len(KG_NAMESPACE):]] = int(row["n"].value)
    graphs = sum(1 for _ in store.oxigraph.named_graphs())
    return {
        "triples": store.triple_count(),
        "documents": classes.get("Document", 0),
        "named_graphs": graphs,
        "classes": dict(sorted(classes.items())),
        "relations": dict(sorted(relations.items())),
    }


