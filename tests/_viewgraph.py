"""A small graph built by hand (records → store), so view tests know exact answers.

Two documents.  ``newsroom()`` gives 7 entities + 1 metric = 8 nodes and 8 edges
(regulates and enforcesAgainst between the ministry and Telegram share one edge).
Entity names can be swapped for hostile ones (markup, ``</script>``) to test that
the page shows them as text.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

from kgbuild.query import with_prefixes
from kgbuild.records import DocumentRecords, Entity, Evidence, Metric, Sentence
from kgbuild.store import GraphStore
from kgbuild.vocab import ENTITY_CLASSES, KG, RELATIONS

TELEGRAM, KAZAKHSTAN, MINISTRY, DUROV = "Telegram", "Kazakhstan", "Ministry of Digital Development", "Pavel Durov"
WHATSAPP, META, ACME = "WhatsApp", "Meta", "Acme Research"


def document(name: str, sentences: list[str], entities: list[tuple[str, str, set[str]]],
             relations: list[tuple[str, str, str]], metrics: list[dict] = ()) -> DocumentRecords:
    """Records of one document: every sentence naming an entity (or alias) is its evidence."""
    text, sents, pos = "", [], 0
    for i, s in enumerate(sentences):
        sents.append(Sentence(i, pos, pos + len(s), s))
        text += s + " "
        pos += len(s) + 1
    rec = DocumentRecords(name, hashlib.sha256(text.encode()).hexdigest(), sents)
    ids = {}

    def spans(surface: str):
        for s in sents:
            at = s.text.find(surface)
            if at >= 0:
                yield Evidence(s.start + at, s.start + at + len(surface), s.index, surface, 0.9, "hand")

    for cls, label, aliases in entities:
        ent = Entity(cls, label, label, set(aliases))
        for surface in (label, *aliases):
            ent.evidence.extend(spans(surface))
        ids[label] = rec.add_entity(ent).id
    for subj, pred, obj in relations:
        both = [s for s in sents if subj in s.text and obj in s.text] or sents[:1]
        s = both[0]
        rec.add_relation(ids[subj], pred, ids[obj],
                         Evidence(s.start, s.end, s.index, s.text, 0.8, "hand-relation"))
    for m in metrics:
        s = next(s for s in sents if m["mention"] in s.text)
        at = s.start + s.text.find(m["mention"])
        rec.metrics.append(Metric(Decimal(m["value"]), m["unit"], m["measure"], ids[m["subject"]],
                                  ids.get(m.get("location")), m.get("date"),
                                  [Evidence(at, at + len(m["mention"]), s.index, m["mention"], 0.85, "hand")]))
    return rec


def newsroom(names: dict[str, str] | None = None) -> GraphStore:
    """The hand-built two-document graph; ``names`` maps a default name to another one."""
    n = {k: k for k in (TELEGRAM, KAZAKHSTAN, MINISTRY, DUROV, WHATSAPP, META, ACME)}
    n.update(names or {})
    a = document(
        "a.txt",
        [f"{n[TELEGRAM]} operates in {n[KAZAKHSTAN]}, where the {n[MINISTRY]} regulates it.",
         f"{n[DUROV]} is the CEO of {n[TELEGRAM]}.",
         f"The Ministry fined {n[TELEGRAM]} on Monday.",
         f"{n[TELEGRAM]} has 12.5 million users in {n[KAZAKHSTAN]}."],
        [("Platform", n[TELEGRAM], set()), ("Country", n[KAZAKHSTAN], set()),
         ("Regulator", n[MINISTRY], {"The Ministry"}), ("Person", n[DUROV], set())],
        [(n[TELEGRAM], "operatesIn", n[KAZAKHSTAN]), (n[MINISTRY], "regulates", n[TELEGRAM]),
         (n[MINISTRY], "enforcesAgainst", n[TELEGRAM]), (n[DUROV], "ceoOf", n[TELEGRAM]),
         (n[MINISTRY], "jurisdiction", n[KAZAKHSTAN])],
        [{"value": "12500000", "unit": "users", "measure": "users", "subject": n[TELEGRAM],
          "location": n[KAZAKHSTAN], "mention": "12.5 million users", "date": "2024"}],
    )
    b = document(
        "b.txt",
        [f"{n[WHATSAPP]} is owned by {n[META]}.",
         f"{n[META]} operates in {n[KAZAKHSTAN]}.",
         f"{n[ACME]} published a report."],
        [("Platform", n[WHATSAPP], set()), ("Platform", n[META], set()),
         ("Country", n[KAZAKHSTAN], set()), ("Organization", n[ACME], set())],
        [(n[WHATSAPP], "ownedBy", n[META]), (n[META], "operatesIn", n[KAZAKHSTAN])],
    )
    store = GraphStore.memory()
    store.add_many([a, b])
    return store


def sparql_view_counts(store: GraphStore) -> tuple[int, int, int]:
    """(entities, metrics, edges) a full view of ``store`` should draw, counted with SPARQL alone.

    Edges: one per ordered pair of entities joined by any relation, plus one from
    each metric's subject and one to its location.
    """
    classes = " ".join(f"<{KG[c]}>" for c in ENTITY_CLASSES)
    rels = " ".join(f"<{KG[r]}>" for r in RELATIONS)

    def entity(v):
        return f"VALUES ?c_{v} {{ {classes} }} ?{v} a ?c_{v} ; rdfs:label ?l_{v} ."

    def count(sparql):
        (row,) = store.query(with_prefixes(sparql))
        return int(row["n"].value)

    entities = count(f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ {entity('e')} }}")
    metrics = count(f"SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {{ ?m a kg:Metric ; kg:subject ?s . {entity('s')} }}")
    pairs = count(f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?o WHERE {{ VALUES ?p {{ {rels} }} "
                  f"?s ?p ?o . {entity('s')} {entity('o')} }} }}")
    located = count(f"SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {{ ?m a kg:Metric ; kg:subject ?s ; kg:location ?o . "
                    f"{entity('s')} {entity('o')} }}")
    return entities, metrics, pairs + metrics + located
