"""Interactive HTML views of a graph (first version: entities and relations)."""

from __future__ import annotations

import html
import json
import os

from .fileio import write_text
from .query import run_query
from .store import GraphStore

_ENTITIES = """
SELECT ?e ?class (SAMPLE(?l) AS ?label) WHERE {
  VALUES ?c { kg:Platform kg:Regulator kg:Person kg:Office kg:Country kg:Organization }
  ?e a ?c ; rdfs:label ?l . BIND(STRAFTER(STR(?c), "#") AS ?class)
} GROUP BY ?e ?class
"""
_EDGES = """
SELECT DISTINCT ?s ?rel ?o WHERE {
  ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  BIND(STRAFTER(STR(?p), "#") AS ?rel)
}
"""
COLOURS = {"Platform": "#4e79a7", "Regulator": "#e15759", "Person": "#f28e2b", "Office": "#76b7b2",
           "Country": "#59a14f", "Organization": "#b07aa1", "Metric": "#edc948"}


def graph_data(store: GraphStore) -> dict:
    """Nodes and edges of the entity graph as plain dicts."""
    nodes = {r[0]: {"id": r[0], "class": r[1], "label": r[2]} for r in run_query(store, _ENTITIES).rows}
    edges = [{"from": s, "to": o, "label": rel} for s, rel, o in run_query(store, _EDGES).rows
             if s in nodes and o in nodes]
    return {"nodes": list(nodes.values()), "edges": edges}


def render_html(data: dict, title: str = "kgbuild graph") -> str:
    """A self-contained page listing the graph (no external resources)."""
    rows = "\n".join(
        f"<li><b>{html.escape(n['label'])}</b> <i>{html.escape(n['class'])}</i></li>" for n in data["nodes"])
    payload = json.dumps(data).replace("</", "<\\/")
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>"
            f"<body><h1>{html.escape(title)}</h1><ul>{rows}</ul>"
            f"<script type='application/json' id='graph-data'>{payload}</script></body></html>")


def visualize(store: GraphStore, output: str | os.PathLike, title: str = "kgbuild graph") -> dict:
    """Write the HTML view of ``store`` to ``output`` atomically; return node / edge counts."""
    data = graph_data(store)
    write_text(output, render_html(data, title))
    return {"nodes": len(data["nodes"]), "edges": len(data["edges"])}
