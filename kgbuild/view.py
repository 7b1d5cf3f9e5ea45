"""Interactive HTML views of a graph: one self-contained page that works offline.

:func:`graph_data` reads a store into plain view data (nodes, edges, evidence),
filtered by focus / depth / classes / size; :func:`render_html` turns that data
into a page; :func:`visualize` does both and writes the file atomically.

The page inlines vis-network (vendored under ``kgbuild/data/vendor``) and its own
script and style, so it loads nothing from anywhere: no CDN, no font, no image.
Text from articles reaches the page only as JSON inside a ``application/json``
block (with ``<``, ``>`` and ``&`` escaped, so ``</script>`` in a name cannot end
the block), and the page's script puts it into the DOM with ``textContent`` only.
A Content-Security-Policy allowing just the page's own two scripts (by hash)
backs that up: even markup that slipped through could not run or fetch anything.
"""

from __future__ import annotations

import base64
import difflib
import hashlib
import html
import json
import os
import re
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources

import networkx as nx

from .errors import UnknownClass, UnknownEntity, choices
from .fileio import write_text
from .query import with_prefixes
from .store import GraphStore
from .vocab import ENTITY_CLASSES, KG, KG_NAMESPACE, RELATIONS

__all__ = [
    "VIEW_CLASSES", "CLASS_STYLES", "UnknownEntity", "UnknownClass",
    "graph_data", "render_html", "visualize", "iframe", "metric_label",
]

VIS_NETWORK_VERSION = "10.1.5"

#: Classes a view can show, in legend order.
VIEW_CLASSES = (*ENTITY_CLASSES, "Metric")

#: Colour (Tableau 10, readable on white and for most colour-blind readers) and
#: vis-network shape per class.  Shapes with the label below them ("dot", …)
#: are sized by degree; Metric is a box holding its value and unit.
CLASS_STYLES = {
    "Platform": {"color": "#4e79a7", "shape": "dot"},
    "Regulator": {"color": "#e15759", "shape": "diamond"},
    "Person": {"color": "#f28e2b", "shape": "triangle"},
    "Office": {"color": "#76b7b2", "shape": "square"},
    "Country": {"color": "#59a14f", "shape": "hexagon"},
    "Organization": {"color": "#b07aa1", "shape": "triangleDown"},
    "Metric": {"color": "#edc948", "shape": "box"},
}

#: Relation names as a reader says them (the tooltip also gives the kg: name).
RELATION_LABELS = {
    "ceoOf": "CEO of", "founderOf": "founder of", "headOf": "head of", "ownedBy": "owned by",
    "hasOffice": "has office", "locatedIn": "located in", "operatesIn": "operates in",
    "jurisdiction": "jurisdiction", "regulates": "regulates", "enforcesAgainst": "enforces against",
}

#: Evidence sentences longer than this are cut (with "…") around the mention.
MAX_SENTENCE_CHARS = 320


def _values(name: str, local_names: Iterable[str]) -> str:
    return f"VALUES ?{name} {{ {' '.join(f'<{KG[n]}>' for n in local_names)} }}"


_ENTITIES = f"""
SELECT ?e ?class ?label WHERE {{
  {_values("class", ENTITY_CLASSES)}
  ?e a ?class ; rdfs:label ?label .
}}"""
_ALIASES = "SELECT ?e ?alias WHERE { ?e skos:altLabel ?alias }"
_RELATIONS = f"SELECT ?s ?p ?o WHERE {{ {_values('p', RELATIONS)} ?s ?p ?o }}"
_STATEMENTS = """
SELECT ?st ?s ?p ?o WHERE { ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }"""
_METRICS = """
SELECT ?m ?value ?unit ?measure ?subject ?location ?date WHERE {
  ?m a kg:Metric ; kg:value ?value ; kg:unit ?unit ; kg:measure ?measure ; kg:subject ?subject .
  OPTIONAL { ?m kg:location ?location }
  OPTIONAL { ?m kg:date ?date }
}"""
_EVIDENCE = """
SELECT ?target ?mention ?document ?sentence ?confidence ?start WHERE {
  ?target kg:evidence ?ev .
  ?ev kg:text ?mention .
  OPTIONAL { ?ev kg:inDocument ?d . ?d kg:sourceName ?document }
  OPTIONAL { ?ev kg:inSentence ?s . ?s kg:text ?sentence }
  OPTIONAL { ?ev kg:confidence ?confidence }
  OPTIONAL { ?ev kg:startChar ?start }
}"""


def _rows(store: GraphStore, sparql: str) -> Iterable[dict[str, str | None]]:
    result = store.query(with_prefixes(sparql))
    names = [v.value for v in result.variables]
    for sol in result:
        yield {n: (None if sol[n] is None else sol[n].value) for n in names}


def _local(iri: str) -> str:
    return iri[len(KG_NAMESPACE):] if iri.startswith(KG_NAMESPACE) else iri


# --------------------------------------------------------------------------- metric labels

_SCALES = ((Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million"))
_PERCENT_UNITS = {"percent", "%", "percentage", "per cent"}


def _plain(d: Decimal, places: int = 2) -> str:
    d = round(d, places) if d != d.to_integral_value() else d
    text = format(d.normalize(), ",f")
    return text


def metric_label(value: str | Decimal, unit: str) -> str:
    """How a metric reads in the view: ``12.5 million users``, ``25%``, ``1,200 EUR``."""
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        return f"{value} {unit}".strip()
    if unit.strip().lower() in _PERCENT_UNITS:
        return f"{_plain(d)}%"
    for size, word in _SCALES:
        if abs(d) >= size:
            return f"{_plain(d / size)} {word} {unit}".strip()
    return f"{_plain(d)} {unit}".strip()


# --------------------------------------------------------------------------- reading the store

def _excerpt(sentence: str, mention: str, limit: int = MAX_SENTENCE_CHARS) -> str:
    """``sentence`` on one line, cut to ``limit`` characters around ``mention`` if longer."""
    sentence = " ".join(sentence.split())
    if len(sentence) <= limit:
        return sentence
    at = sentence.find(mention) if mention else -1
    start = 0 if at < 0 else max(0, min(at - limit // 3, len(sentence) - limit))
    end = start + limit
    text = sentence[start:end].strip()
    return ("…" if start > 0 else "") + text + ("…" if end < len(sentence) else "")


def _pick_evidence(items: Iterable[dict], limit: int) -> list[dict]:
    """The ``limit`` most telling evidence items: distinct sentences, spread over documents.

    Within a document: highest confidence first, then sentences that say more than
    the bare mention (a headline "Telegram" line proves little), then text order.
    Documents take turns, so three lines of evidence come from three articles when
    they can.
    """
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for item in sorted(items, key=lambda i: (-(i["confidence"] or 0), i["sentence"] == i["mention"],
                                             i["document"], i["start"])):
        by_doc[item["document"]].append(item)
    queues = sorted(by_doc.values(), key=lambda q: (-(q[0]["confidence"] or 0), q[0]["document"]))
    chosen, seen = [], set()
    while queues and len(chosen) < limit:
        for queue in list(queues):
            while queue and (queue[0]["document"], queue[0]["sentence"]) in seen:
                queue.pop(0)  # the same sentence twice says nothing new
            if not queue:
                queues.remove(queue)
                continue
            item = queue.pop(0)
            if any(item["sentence"] in c["sentence"] or c["sentence"] in item["sentence"] for c in chosen):
                continue  # a repeated headline, or a sentence quoted inside a longer one
            seen.add((item["document"], item["sentence"]))
            chosen.append({k: item[k] for k in ("document", "sentence", "mention", "confidence")})
            if len(chosen) == limit:
                break
    return chosen


def _evidence(store: GraphStore, max_evidence: int) -> dict[str, dict]:
    """Per evidence target (entity, statement, metric): the best few sentences and counts."""
    found: dict[str, dict[tuple, dict]] = defaultdict(dict)
    for r in _rows(store, _EVIDENCE):
        mention = " ".join((r["mention"] or "").split())
        item = {
            "document": r["document"] or "",
            "sentence": _excerpt(r["sentence"] or mention, mention),
            "mention": mention,
            "confidence": float(r["confidence"]) if r["confidence"] else None,
            "start": int(r["start"]) if r["start"] else 0,
        }
        found[r["target"]].setdefault((item["document"], item["start"], item["mention"]), item)
    out = {}
    for target, items in found.items():
        out[target] = {
            "evidence": _pick_evidence(items.values(), max_evidence),
            "mentions": len(items),
            "documents": len({i["document"] for i in items.values()}),
        }
    return out


def _read(store: GraphStore, provenance: bool, max_evidence: int) -> tuple[dict, dict]:
    """All view nodes (by id) and edges (by (from, to)) of ``store``, unfiltered."""
    order = {c: i for i, c in enumerate(VIEW_CLASSES)}
    labels: dict[str, set[str]] = defaultdict(set)
    classes: dict[str, str] = {}
    for r in _rows(store, _ENTITIES):
        cls = _local(r["class"])
        if r["e"] not in classes or order[cls] < order[classes[r["e"]]]:
            classes[r["e"]] = cls
        labels[r["e"]].add(r["label"])
    aliases: dict[str, set[str]] = defaultdict(set)
    for r in _rows(store, _ALIASES):
        if r["e"] in classes:
            aliases[r["e"]].add(r["alias"])
    evidence = _evidence(store, max_evidence) if provenance else {}

    nodes: dict[str, dict] = {}
    for e, cls in classes.items():
        # Several documents may name an entity differently: the longest name is
        # usually the most complete ("Pavel Durov" over "Durov"); the rest are aliases.
        label = sorted(labels[e], key=lambda s: (-len(s), s))[0]
        node = {"id": e, "label": label, "class": cls,
                "aliases": sorted((labels[e] | aliases[e]) - {label}, key=str.casefold)}
        if provenance:
            node.update(evidence.get(e, {"evidence": [], "mentions": 0, "documents": 0}))
        nodes[e] = node

    edges: dict[tuple[str, str], dict] = {}

    def add_edge(src: str, dst: str, relation: str, label: str, evidence_of: str | None) -> None:
        if src not in nodes or dst not in nodes:
            return
        edge = edges.setdefault((src, dst), {"from": src, "to": dst, "relations": []})
        if any(rel["relation"] == relation and rel["label"] == label for rel in edge["relations"]):
            return
        rel = {"relation": relation, "label": label}
        if provenance and evidence_of is not None:  # a metric's evidence is on the metric node
            rel.update(evidence.get(evidence_of, {"evidence": [], "mentions": 0, "documents": 0}))
        edge["relations"].append(rel)

    statements = {(r["s"], r["p"], r["o"]): r["st"] for r in _rows(store, _STATEMENTS)} if provenance else {}
    for r in sorted(_rows(store, _RELATIONS), key=lambda r: (r["s"], r["p"], r["o"])):
        name = _local(r["p"])
        add_edge(r["s"], r["o"], name, RELATION_LABELS.get(name, name), statements.get((r["s"], r["p"], r["o"])))

    metric_rows = sorted(_rows(store, _METRICS), key=lambda r: r["m"])
    for r in metric_rows:
        if r["subject"] not in nodes or r["m"] in nodes:
            continue
        node = {"id": r["m"], "label": metric_label(r["value"], r["unit"]), "class": "Metric", "aliases": [],
                "value": r["value"], "unit": r["unit"], "measure": r["measure"], "date": r["date"]}
        if provenance:
            node.update(evidence.get(r["m"], {"evidence": [], "mentions": 0, "documents": 0}))
        nodes[r["m"]] = node
    for r in metric_rows:
        # Read as "Telegram —monthly users→ 12.5 million users —in→ Kazakhstan".
        add_edge(r["subject"], r["m"], "subject", r["measure"], None)
        if r["location"]:
            add_edge(r["m"], r["location"], "location", "in", None)
    return nodes, edges


# --------------------------------------------------------------------------- filtering

def _resolve_focus(nodes: dict[str, dict], focus: str) -> list[str]:
    """Ids of the entities ``focus`` names: an IRI, or a label / alias (any case)."""
    if focus in nodes:
        return [focus]
    if focus.startswith("kgr:"):
        from .vocab import RESOURCE_BASE

        full = RESOURCE_BASE + focus[4:]
        if full in nodes:
            return [full]
    key = focus.casefold().strip()
    names = {n["id"]: [n["label"], *n["aliases"]] for n in nodes.values() if n["class"] != "Metric"}
    exact = [i for i, ns in names.items() if any(s.casefold() == key for s in ns)]
    if exact:
        return sorted(exact)
    partial = [i for i, ns in names.items() if any(key in s.casefold() for s in ns)]
    if len(partial) == 1:
        return partial
    if partial:
        listed = "; ".join(sorted(f"{nodes[i]['label']} ({nodes[i]['class']})" for i in partial)[:8])
        raise UnknownEntity(f"--focus {focus!r} matches {len(partial)} entities: {listed}; "
                            "give the full name or the entity's IRI")
    labels = sorted({s for ns in names.values() for s in ns})
    close = difflib.get_close_matches(focus, labels, n=5, cutoff=0.6)
    hint = f"did you mean: {', '.join(close)}? " if close else ""
    raise UnknownEntity(f"--focus {focus!r} names no entity of the graph; {hint}"
                        "list entities with `kgbuild query GRAPH --name entities`")


def _resolve_types(types: Iterable[str] | str) -> set[str]:
    if isinstance(types, str):
        types = types.split(",")
    by_key = {c.casefold(): c for c in VIEW_CLASSES}
    out = set()
    for t in types:
        t = t.strip().removeprefix("kg:")
        if not t:
            continue
        if t.casefold() not in by_key:
            raise UnknownClass(f"--types: {t!r} is not a class of the graph; choose from: {choices(VIEW_CLASSES)}")
        out.add(by_key[t.casefold()])
    return out


def graph_data(store: GraphStore, focus: str | None = None, depth: int = 1,
               types: Iterable[str] | str | None = None, max_nodes: int | None = None,
               provenance: bool = True, max_evidence: int = 3, title: str = "kgbuild graph") -> dict:
    """The view of ``store`` as plain, JSON-ready data: ``nodes``, ``edges``, ``classes``, ``totals``.

    Nodes are the entities (with class, label, aliases, degree) and the metrics
    (labelled with value and unit).  An edge joins two nodes in one direction and
    lists the relations it stands for (``relations``), each with evidence.  With
    ``provenance`` every node and relation carries up to ``max_evidence`` evidence
    sentences (with source document), plus how many mentions and documents back it.

    Filters, applied in this order:

    - ``focus`` (a label, alias or IRI) keeps the entities at most ``depth`` hops
      from it, counted in the whole graph, edges taken as undirected;
    - ``types`` (class names such as ``"Platform,Regulator"``) keeps those classes
      (and the focus entity);
    - ``max_nodes`` keeps the best-connected nodes (degree in the whole graph; the
      focus entity always stays).

    ``degree`` is the number of neighbours in the whole graph, so a node has the
    same size in every view.
    """
    if depth < 0:
        raise ValueError("depth must be >= 0")
    if max_nodes is not None and max_nodes < 1:
        raise ValueError("max_nodes must be >= 1")
    wanted = _resolve_types(types) if types is not None else None
    nodes, edges = _read(store, provenance, max_evidence)

    g = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_edges_from(edges)
    for node_id, degree in g.degree():
        nodes[node_id]["degree"] = degree

    keep = set(nodes)
    focus_ids: list[str] = []
    if focus:
        focus_ids = _resolve_focus(nodes, focus)
        keep = set()
        for f in focus_ids:
            keep |= set(nx.single_source_shortest_path_length(g, f, cutoff=depth))
    if wanted is not None:
        keep = {n for n in keep if nodes[n]["class"] in wanted or n in focus_ids}
    if max_nodes is not None and len(keep) > max_nodes:
        ranked = sorted(keep, key=lambda n: (n not in focus_ids, -nodes[n]["degree"], nodes[n]["label"], n))
        keep = set(ranked[:max(max_nodes, len(focus_ids))])

    shown = sorted((nodes[n] for n in keep), key=lambda n: (VIEW_CLASSES.index(n["class"]), n["label"], n["id"]))
    shown_edges = [e for key, e in sorted(edges.items()) if key[0] in keep and key[1] in keep]
    for i, e in enumerate(shown_edges):
        e["id"] = f"e{i}"
        e["label"] = " / ".join(rel["label"] for rel in e["relations"])
    for n in shown:
        n["focus"] = n["id"] in focus_ids
    counts = defaultdict(int)
    for n in shown:
        counts[n["class"]] += 1
    return {
        "title": title,
        "nodes": shown,
        "edges": shown_edges,
        "classes": [{"name": c, **CLASS_STYLES[c], "count": counts[c]} for c in VIEW_CLASSES if counts[c]],
        "totals": {"nodes": len(nodes), "edges": len(edges)},
        "filters": {"focus": focus, "depth": depth if focus else None,
                    "types": sorted(wanted) if wanted is not None else None,
                    "max_nodes": max_nodes, "provenance": provenance},
        "provenance": provenance,
    }


# --------------------------------------------------------------------------- rendering

def _asset(*parts: str) -> str:
    return resources.files("kgbuild").joinpath("data", *parts).read_text("utf-8")


_BANNER = re.compile(r"\A\s*/\*\*.*?\*/\s*", re.S)


@lru_cache(maxsize=1)
def _vis_network() -> str:
    """vis-network's script, its URL-laden banner replaced by copyright and MIT licence text."""
    code = _asset("vendor", "vis-network", "vis-network.min.js")
    licence = _asset("vendor", "vis-network", "LICENSE-MIT").strip()
    banner = (f"/*! vis-network {VIS_NETWORK_VERSION}, a dynamic, browser-based visualization library.\n"
              " (c) 2011-2017 Almende B.V.; (c) 2017-2019 visjs contributors.\n"
              " Dual licensed under Apache-2.0 and MIT; used here under the MIT License:\n\n"
              f"{licence}\n*/\n")
    code = banner + _BANNER.sub("", code, count=1)
    if re.search(r"</script|<!--", code, re.I):  # would end or confuse the inline <script>
        raise RuntimeError("vendored vis-network holds '</script' or '<!--' and cannot be inlined")
    return code


def _json_for_script(data) -> str:
    """JSON that cannot end its <script> block: ``<``, ``>``, ``&`` and line separators escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                    ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def _sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def render_html(data: dict, title: str | None = None) -> str:
    """A self-contained page drawing ``data`` (from :func:`graph_data`) with vis-network."""
    title = title or data.get("title") or "kgbuild graph"
    vis, app = _vis_network(), _asset("view", "view.js")
    csp = ("default-src 'none'; "
           f"script-src {_sha256(vis)} {_sha256(app)}; "
           "style-src 'unsafe-inline'; img-src data:; font-src 'none'; connect-src 'none'; "
           "form-action 'none'; base-uri 'none'")
    parts = {
        "CSP": html.escape(csp, quote=True),
        "TITLE": html.escape(title),
        "STYLE": _asset("view", "view.css"),
        "DATA": _json_for_script(data),
        "VIS": vis,
        "APP": app,
    }
    # One pass, so text put in is never itself scanned for placeholders.
    return re.sub(r"\{\{(\w+)\}\}", lambda m: parts[m.group(1)], _asset("view", "page.html"))


def iframe(page: str, height: int = 600) -> str:
    """An ``<iframe srcdoc>`` holding ``page``: how a notebook shows a view inline.

    The frame is sandboxed (scripts run, but in an opaque origin that cannot reach
    the notebook) and wrapped in a ``<div>``.
    """
    return (f'<div class="kgbuild-view"><iframe srcdoc="{html.escape(page, quote=True)}" '
            f'style="width:100%;height:{int(height)}px;border:1px solid #ddd" sandbox="allow-scripts">'
            '</iframe></div>')


def visualize(store: GraphStore, output: str | os.PathLike, title: str = "kgbuild graph", **filters) -> dict:
    """Write the HTML view of ``store`` to ``output`` atomically; return what it shows.

    ``filters`` are those of :func:`graph_data`.  The summary gives the nodes and
    edges drawn, the totals of the unfiltered graph, nodes per class and the page size.
    """
    data = graph_data(store, title=title, **filters)
    page = render_html(data)
    write_text(output, page)
    return {
        "output": str(output),
        "nodes": len(data["nodes"]),
        "edges": len(data["edges"]),
        "total_nodes": data["totals"]["nodes"],
        "total_edges": data["totals"]["edges"],
        "classes": {c["name"]: c["count"] for c in data["classes"]},
        "bytes": len(page.encode("utf-8")),
    }
