"""Scoring a built graph against a gold answer key (format: ``shared/gold/README.md``).

Entities match by class and normalised label (offices by their platform and
country), relations by mapped subject / object and local name (``enforcesAgainst``
with a platform object implies ``regulates`` on both sides), metrics by value
within 0.5 % and subject.  Precision, recall and F1 per kind, duplicates, and
what was missed or wrong — false positives with the evidence that produced them.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import rdflib
from rdflib import RDF, RDFS, SKOS

from .errors import GoldFileError
from .gazetteer import normalize
from .vocab import KG_NAMESPACE

SCORED_CLASSES = ("Platform", "Regulator", "Person", "Office", "Country", "Organization")
RELATION_NAMES = ("ceoOf", "founderOf", "headOf", "ownedBy", "hasOffice", "locatedIn",
                  "operatesIn", "jurisdiction", "regulates", "enforcesAgainst")


def local_name(iri) -> str:
    """The local name of an IRI (after the last ``#`` or ``/``)."""
    s = str(iri)
    return s.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


@dataclass
class Score:
    """True positives, false positives and false negatives, with P / R / F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __iadd__(self, other: Score) -> Score:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Report:
    """The result of scoring one graph against one key (or several, summed)."""

    entities: Score = field(default_factory=Score)
    relations: Score = field(default_factory=Score)
    metrics: Score = field(default_factory=Score)
    duplicates: int = 0
    metric_unit_correct: int = 0
    metric_location_correct: int = 0
    metric_matched: int = 0
    missed: list[dict] = field(default_factory=list)
    wrong: list[dict] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)

    def __iadd__(self, other: Report) -> Report:
        self.entities += other.entities
        self.relations += other.relations
        self.metrics += other.metrics
        self.duplicates += other.duplicates
        self.metric_unit_correct += other.metric_unit_correct
        self.metric_location_correct += other.metric_location_correct
        self.metric_matched += other.metric_matched
        self.missed += other.missed
        self.wrong += other.wrong
        self.keys += other.keys
        return self

    def as_dict(self) -> dict:
        m = self.metric_matched
        return {
            "keys": self.keys,
            "entities": self.entities.as_dict(), "relations": self.relations.as_dict(),
            "metrics": self.metrics.as_dict(), "duplicates": self.duplicates,
            "metric_attributes": {"unit_accuracy": round(self.metric_unit_correct / m, 4) if m else None,
                                  "location_accuracy": round(self.metric_location_correct / m, 4) if m else None},
            "missed": self.missed, "wrong": self.wrong,
        }


def load_gold(path: str | os.PathLike) -> dict:
    """Read and check a gold key; raise GoldFileError naming what is wrong."""
    p = Path(path)
    if p.is_dir():
        raise GoldFileError(f"{p}: is a folder; pass one gold key file such as ../shared/gold/dev/seeds.json")
    try:
        gold = json.loads(p.read_text("utf-8"))
    except FileNotFoundError:
        raise GoldFileError(f"{p}: no such gold file; pass a key such as ../shared/gold/dev/seeds.json") from None
    except OSError as exc:
        raise GoldFileError(f"{p}: cannot read ({exc.strerror or exc}); check the path") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise GoldFileError(f"{p}: not valid JSON ({exc}); fix the file (format: shared/gold/README.md)") from None
    if not isinstance(gold, dict) or not isinstance(gold.get("entities"), list):
        raise GoldFileError(f"{p}: a gold key is a JSON object with an 'entities' list (format: shared/gold/README.md)")
    for key in ("relations", "metrics", "documents"):
        if not isinstance(gold.get(key, []), list):
            raise GoldFileError(f"{p}: '{key}' must be a JSON list (format: shared/gold/README.md)")
    ids = set()
    for i, e in enumerate(gold["entities"]):
        if not isinstance(e, dict) or "id" not in e or e.get("type") not in SCORED_CLASSES:
            raise GoldFileError(f"{p}: entity #{i} needs an 'id' and a 'type' among {', '.join(SCORED_CLASSES)}")
        if e["type"] != "Office" and not isinstance(e.get("label"), str):
            raise GoldFileError(f"{p}: entity {e['id']!r} needs a 'label' string")
        ids.add(e["id"])
    for i, r in enumerate(gold.get("relations", [])):
        if not isinstance(r, dict) or not {"s", "p", "o"} <= r.keys() or r["p"] not in RELATION_NAMES:
            raise GoldFileError(f"{p}: relation #{i} needs 's', 'p' (one of the ontology's relations) and 'o'")
    for i, m in enumerate(gold.get("metrics", [])):
        if not isinstance(m, dict) or "subject" not in m or "value" not in m:
            raise GoldFileError(f"{p}: metric #{i} needs 'subject' and 'value'")
        try:
            Decimal(str(m["value"]))
        except InvalidOperation:
            raise GoldFileError(f"{p}: metric #{i} has a non-numeric value {m['value']!r}") from None
    gold.setdefault("relations", [])
    gold.setdefault("metrics", [])
    return gold


def _evidence(graph: rdflib.Graph, node) -> list[dict]:
    """Document and sentence text of the evidence attached to ``node``."""
    out = []
    for ev in graph.objects(node, _p(graph, "evidence")):
        doc = next(graph.objects(ev, _p(graph, "inDocument")), None)
        name = next(graph.objects(doc, _p(graph, "sourceName")), None) if doc is not None else None
        sent = next(graph.objects(ev, _p(graph, "inSentence")), None)
        text = next(graph.objects(sent, _p(graph, "text")), None) if sent is not None else None
        rule = next(graph.objects(ev, _p(graph, "rule")), None)
        out.append({"document": str(name) if name else None, "sentence": str(text) if text else None,
                    "rule": str(rule) if rule else None})
    return out[:3]


_PROP_CACHE: dict[tuple[int, str], rdflib.URIRef] = {}


def _p(graph: rdflib.Graph, name: str):
    """The graph's property with local name ``name`` (whatever its namespace)."""
    key = (id(graph), name)
    if key not in _PROP_CACHE:
        # rdf:subject and kg:subject share a local name: W3C vocabularies never win.
        cands = sorted((p for p in set(graph.predicates()) if local_name(p) == name
                        and not str(p).startswith(_W3C)), key=lambda p: (not str(p).startswith(KG_NAMESPACE), str(p)))
        _PROP_CACHE[key] = cands[0] if cands else rdflib.URIRef("urn:none:" + name)
    return _PROP_CACHE[key]


_W3C = "http://www.w3.org/"


def score(graph: rdflib.Graph, gold: dict, name: str = "") -> Report:
    """Score ``graph`` against ``gold``."""
    _PROP_CACHE.clear()
    report = Report(keys=[name] if name else [])
    gold_by_id = {e["id"]: e for e in gold["entities"]}
    gold_order = {e["id"]: i for i, e in enumerate(gold["entities"])}
    # Nodes of scored classes.
    nodes: dict = {}
    for s, o in graph.subject_objects(RDF.type):
        cls = local_name(o)
        if cls in SCORED_CLASSES:
            nodes.setdefault(s, cls)

    def labels(node) -> set[str]:
        out = {normalize(str(l)) for l in graph.objects(node, RDFS.label)}
        out |= {normalize(str(l)) for l in graph.objects(node, SKOS.altLabel)}
        return out

    gold_forms = defaultdict(list)
    for e in gold["entities"]:
        if e["type"] == "Office":
            continue
        for form in [e["label"], *e.get("aliases", [])]:
            gold_forms[(e["type"], normalize(form))].append(e["id"])

    mapping: dict = {}
    matched: dict[str, object] = {}
    unmatched_nodes = []

    def assign(node, gid):
        if gid in matched:
            if not gold_by_id[gid].get("optional"):
                report.duplicates += 1
                report.wrong.append({"kind": "entity", "duplicate_of": gid, "node": str(node),
                                     "labels": sorted(str(x) for x in graph.objects(node, RDFS.label)),
                                     "evidence": _evidence(graph, node)})
            mapping[node] = gid
            return
        matched[gid] = node
        mapping[node] = gid

    for node, cls in sorted(nodes.items(), key=lambda kv: str(kv[0])):
        if cls == "Office":
            continue
        canonical = {normalize(str(l)) for l in graph.objects(node, RDFS.label)}
        cands = sorted({gid for form in labels(node) for gid in gold_forms.get((cls, form), [])}, key=lambda gid: (
            # deterministic, and the likeliest reading first: a gold entity not yet matched (two
            # can share an alias), named by the node's own label, required rather than optional
            gid in matched,
            not any(normalize(f) in canonical for f in [gold_by_id[gid]["label"], *gold_by_id[gid].get("aliases", [])]),
            bool(gold_by_id[gid].get("optional")),
            gold_order[gid]))
        if not cands:
            unmatched_nodes.append(node)
            continue
        assign(node, cands[0])

    has_office, located = _p(graph, "hasOffice"), _p(graph, "locatedIn")
    for node, cls in sorted(nodes.items(), key=lambda kv: str(kv[0])):
        if cls != "Office":
            continue
        platforms = {mapping.get(s) for s in graph.subjects(has_office, node)}
        countries = {mapping.get(o) for o in graph.objects(node, located)}
        gid = next((e["id"] for e in gold["entities"] if e["type"] == "Office"
                    and e.get("platform") in platforms and e.get("country") in countries), None)
        if gid is None:
            unmatched_nodes.append(node)
        else:
            assign(node, gid)

    for e in gold["entities"]:
        if e["id"] in matched:
            if not e.get("optional"):
                report.entities.tp += 1
        elif not e.get("optional"):
            report.entities.fn += 1
            report.missed.append({"kind": "entity", "id": e["id"], "type": e["type"], "label": e.get("label")})
    report.entities.fp += len(unmatched_nodes) + report.duplicates
    for node in unmatched_nodes:
        report.wrong.append({"kind": "entity", "class": nodes[node], "node": str(node),
                             "labels": sorted(str(x) for x in graph.objects(node, RDFS.label)),
                             "evidence": _evidence(graph, node)})

    # Relations.
    gold_types = {e["id"]: e["type"] for e in gold["entities"]}
    gold_rel: dict[tuple, bool] = {}
    for r in gold["relations"]:
        key = (r["s"], r["p"], r["o"])
        gold_rel[key] = gold_rel.get(key, True) and bool(r.get("optional"))
        if r["p"] == "enforcesAgainst" and gold_types.get(r["o"]) == "Platform":
            k2 = (r["s"], "regulates", r["o"])
            gold_rel[k2] = gold_rel.get(k2, True) and bool(r.get("optional"))
    found: dict[tuple, object] = {}
    wrong_rel = []
    for s, p, o in graph:
        pname = local_name(p)
        if pname not in RELATION_NAMES or s not in nodes or o not in nodes:
            continue
        pairs = [pname]
        if pname == "enforcesAgainst" and nodes[o] == "Platform":
            pairs.append("regulates")
        for pn in pairs:
            ms, mo = mapping.get(s), mapping.get(o)
            if ms is None or mo is None:
                wrong_rel.append(((str(s), pn, str(o)), s, p, o))
                continue
            found[(ms, pn, mo)] = (s, p, o)
    for key, optional in gold_rel.items():
        if optional:
            continue
        if key in found:
            report.relations.tp += 1
        else:
            report.relations.fn += 1
            report.missed.append({"kind": "relation", "s": key[0], "p": key[1], "o": key[2]})
    for key, triple in found.items():
        if key not in gold_rel:
            wrong_rel.append((key, *triple))
    report.relations.fp += len({k for k, *_ in wrong_rel})
    seen = set()
    for key, s, p, o in wrong_rel:
        if key in seen:
            continue
        seen.add(key)
        report.wrong.append({"kind": "relation", "triple": list(key), "evidence": _statement_evidence(graph, s, p, o)})

    # Metrics.
    metric_nodes = [s for s, o in graph.subject_objects(RDF.type) if local_name(o) == "Metric"]
    vprop, sprop = _p(graph, "value"), _p(graph, "subject")
    uprop, lprop = _p(graph, "unit"), _p(graph, "location")
    used = set()
    for m in gold["metrics"]:
        target = Decimal(str(m["value"]))
        hit = None
        for node in metric_nodes:
            if node in used:
                continue
            subj = {mapping.get(x) for x in graph.objects(node, sprop)}
            if m["subject"] not in subj:
                continue
            for v in graph.objects(node, vprop):
                try:
                    val = Decimal(str(v))
                except InvalidOperation:
                    continue
                if target == 0 and val == 0 or target != 0 and abs(val - target) <= abs(target) * Decimal("0.005"):
                    hit = node
                    break
            if hit is not None:
                break
        if hit is None:
            if not m.get("optional"):
                report.metrics.fn += 1
                report.missed.append({"kind": "metric", **m})
            continue
        used.add(hit)
        if m.get("optional"):
            continue
        report.metrics.tp += 1
        report.metric_matched += 1
        units = {str(u).casefold() for u in graph.objects(hit, uprop)}
        if str(m.get("unit", "")).casefold() in units:
            report.metric_unit_correct += 1
        locs = {mapping.get(x) for x in graph.objects(hit, lprop)}
        if m.get("location") in locs or (not m.get("location") and not locs):
            report.metric_location_correct += 1
    for node in metric_nodes:
        if node not in used:
            report.metrics.fp += 1
            report.wrong.append({"kind": "metric", "node": str(node),
                                 "labels": [str(x) for x in graph.objects(node, RDFS.label)],
                                 "evidence": _evidence(graph, node)})
    return report


def _statement_evidence(graph: rdflib.Graph, s, p, o) -> list[dict]:
    for st in graph.subjects(RDF.subject, s):
        if (st, RDF.predicate, p) in graph and (st, RDF.object, o) in graph:
            return _evidence(graph, st)
    return []


def evaluate(graph_path: str | os.PathLike, gold_path: str | os.PathLike) -> Report:
    """Load a graph file (or store) and a gold key, and score one against the other."""
    from .store import GraphStore

    gold = load_gold(gold_path)
    store = GraphStore.load(graph_path) if Path(graph_path).is_file() else GraphStore.open(graph_path)
    return score(store.to_rdflib(), gold, name=Path(gold_path).stem)


def format_report(report: Report, verbose: bool = True) -> str:
    """A human-readable table of a report, with what was missed and wrong."""
    lines = [f"{'':10} {'P':>6} {'R':>6} {'F1':>6} {'TP':>4} {'FP':>4} {'FN':>4}"]
    for name in ("entities", "relations", "metrics"):
        s: Score = getattr(report, name)
        lines.append(f"{name:10} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:4} {s.fp:4} {s.fn:4}")
    lines.append(f"duplicates {report.duplicates}")
    attrs = report.as_dict()["metric_attributes"]
    if report.metric_matched:
        lines.append(f"metric unit accuracy {attrs['unit_accuracy']:.3f}, location accuracy {attrs['location_accuracy']:.3f}")
    if verbose:
        for item in report.missed:
            lines.append("missed  " + json.dumps({k: v for k, v in item.items() if k != "kind"}, ensure_ascii=False)
                         + f"  [{item['kind']}]")
        for item in report.wrong:
            ev = item.get("evidence") or [{}]
            where = f"  <- {ev[0].get('document')}: {str(ev[0].get('sentence'))[:100]!r}" if ev and ev[0] else ""
            desc = item.get("triple") or item.get("labels") or item.get("node")
            extra = f" duplicate of {item['duplicate_of']}" if "duplicate_of" in item else ""
            lines.append(f"wrong   [{item['kind']}{extra}] {desc}{where}")
    return "\n".join(lines)


def evaluate_set(gold_paths: list[str | os.PathLike], doc_dirs: list[str | os.PathLike],
                 model: str | None = None) -> tuple[Report, list[Report]]:
    """Build each key's documents (found by name in ``doc_dirs``) and score them.

    Returns the micro-averaged report (counts summed over keys) and one report per key.
    """
    from .articles import read_articles
    from .build import extract_records
    from .pipeline import DEFAULT_MODEL
    from .store import GraphStore

    total, per_key = Report(), []
    for gold_path in gold_paths:
        gold = load_gold(gold_path)
        paths = []
        for name in gold.get("documents", []):
            found = next((Path(d) / name for d in doc_dirs if (Path(d) / name).is_file()), None)
            if found is None:
                raise GoldFileError(f"{gold_path}: document {name!r} not found in {', '.join(map(str, doc_dirs))}; "
                                    "pass the folders holding it with --docs")
            paths.append(found)
        store = GraphStore.memory()
        store.add_many(extract_records(read_articles(paths), model=model or DEFAULT_MODEL))
        report = score(store.to_rdflib(), gold, name=Path(gold_path).stem)
        per_key.append(report)
        total += report
    return total, per_key


def format_set(total: Report, per_key: list[Report]) -> str:
    """A table of F1 per key and the micro-average."""
    lines = [f"{'key':10} {'ent P':>6} {'ent R':>6} {'ent F1':>6} {'rel P':>6} {'rel R':>6} {'rel F1':>6} "
             f"{'met P':>6} {'met R':>6} {'met F1':>6} {'dup':>4}"]
    for r in [*per_key, total]:
        name = "micro" if r is total else r.keys[0]
        lines.append(f"{name:10} " + " ".join(
            f"{getattr(r, k).precision:6.3f} {getattr(r, k).recall:6.3f} {getattr(r, k).f1:6.3f}"
            for k in ("entities", "relations", "metrics")) + f" {r.duplicates:4}")
    return "\n".join(lines)
