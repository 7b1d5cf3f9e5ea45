"""Records → RDF quads under the kgbuild ontology.

Everything extracted from one document goes into that document's named graph
(:func:`kgbuild.iris.graph_iri`), so a changed article can replace exactly its own
statements in a store, and TriG / N-Quads exports carry provenance per document.
Terms are built directly as pyoxigraph terms: the store and serialisers are
Oxigraph's, and converting from rdflib terms would cost more than the extraction.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from pyoxigraph import Literal, NamedNode, Quad

from . import iris
from .records import DocumentRecords, Evidence
from .vocab import DCTERMS, ENTITY_CLASSES, KG, RDF, RDFS, RELATIONS, SKOS, XSD

__all__ = ["document_quads", "term", "date_literal", "decimal_literal"]

_CACHE: dict[object, NamedNode] = {}


def term(uri) -> NamedNode:
    """The pyoxigraph node for an rdflib vocabulary term (cached)."""
    node = _CACHE.get(uri)
    if node is None:
        node = _CACHE[uri] = NamedNode(str(uri))
    return node


# The vocabulary as module constants: ``KG.x`` goes through rdflib's
# DefinedNamespace.__getattr__, which costs more than building the quad itself.
_TYPE = term(RDF.type)
_LABEL = term(RDFS.label)
_ALT = term(SKOS.altLabel)
_IDENTIFIER = term(DCTERMS.identifier)
_STATEMENT, _SUBJECT, _PREDICATE, _OBJECT = (term(RDF.Statement), term(RDF.subject), term(RDF.predicate),
                                             term(RDF.object))
_DOCUMENT, _SOURCE_NAME, _SHA256 = term(KG.Document), term(KG.sourceName), term(KG.sha256)
_SENTENCE, _SENTENCE_INDEX = term(KG.Sentence), term(KG.sentenceIndex)
_EVIDENCE_CLASS, _EVIDENCE = term(KG.Evidence), term(KG.evidence)
_IN_DOCUMENT, _IN_SENTENCE = term(KG.inDocument), term(KG.inSentence)
_START, _END, _TEXT = term(KG.startChar), term(KG.endChar), term(KG.text)
_CONFIDENCE, _RULE = term(KG.confidence), term(KG.rule)
_METRIC, _VALUE, _UNIT, _MEASURE = term(KG.Metric), term(KG.value), term(KG.unit), term(KG.measure)
_METRIC_SUBJECT, _LOCATION, _DATE = term(KG.subject), term(KG.location), term(KG.date)
#: Entity classes and relations by local name (records name them so); anything
#: else still goes through ``KG[...]``, which fails loudly on a misspelt name.
_CLASSES = {name: term(KG[name]) for name in ENTITY_CLASSES}
_RELATIONS = {name: term(KG[name]) for name in RELATIONS}

_XSD_INT = term(XSD.integer)
_XSD_DEC = term(XSD.decimal)
_DATE_TYPES = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), term(XSD.date)),
    (re.compile(r"^\d{4}-\d{2}$"), term(XSD.gYearMonth)),
    (re.compile(r"^\d{4}$"), term(XSD.gYear)),
)
# Confidences repeat (each rule has a few fixed scores), and Decimal normalisation
# is the slowest part of an evidence node: remember the literal of each one seen.
_CONFIDENCES: dict[float, Literal] = {}


def date_literal(value: str) -> Literal:
    """A date as xsd:date / xsd:gYearMonth / xsd:gYear, or a plain period literal ("2024-Q3")."""
    for pattern, datatype in _DATE_TYPES:
        if pattern.match(value):
            return Literal(value, datatype=datatype)
    return Literal(value)


def decimal_literal(value: Decimal | float | int) -> Literal:
    """An xsd:decimal in the canonical form Oxigraph stores ("5", "0.85", "12500000"):
    no exponent, no trailing zeros, no ".0", so a graph reads back term for term."""
    text = format(Decimal(str(value)).normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return Literal(text, datatype=_XSD_DEC)


def _confidence(value: float) -> Literal:
    literal = _CONFIDENCES.get(value)
    if literal is None:
        literal = decimal_literal(round(value, 3))
        # A fixed few in practice, so the bound never bites; zero is left out because
        # 0.0 and -0.0 are one key but two literals ("0" and "-0").
        if value and len(_CONFIDENCES) < 10_000:
            _CONFIDENCES[value] = literal
    return literal


def _int(n: int) -> Literal:
    return Literal(str(n), datatype=_XSD_INT)


def document_quads(records: DocumentRecords) -> Iterator[Quad]:
    """All quads for one document's records, in its own named graph."""
    name = records.source_name
    g = NamedNode(str(iris.graph_iri(name)))
    doc = NamedNode(str(iris.document_iri(name)))
    # Quads are collected in a list rather than yielded one by one: a document's
    # quads are all wanted at once, and a generator resumed per quad costs more.
    quads: list[Quad] = [
        Quad(doc, _TYPE, _DOCUMENT, g),
        Quad(doc, _SOURCE_NAME, Literal(name), g),
        Quad(doc, _SHA256, Literal(records.sha256), g),
        Quad(doc, _IDENTIFIER, Literal(name), g),
    ]
    put = quads.append

    sentence_nodes: dict[int, NamedNode] = {}

    def sentence_node(index: int) -> NamedNode:
        node = sentence_nodes.get(index)
        if node is None:
            node = sentence_nodes[index] = NamedNode(str(iris.sentence_iri(name, index)))
        return node

    used_sentences: set[int] = set()

    def evidence(target: NamedNode, ev: Evidence) -> None:
        node = NamedNode(str(iris.node_iri("evidence", name, target.value, ev.start, ev.end, ev.rule)))
        used_sentences.add(ev.sentence)
        put(Quad(node, _TYPE, _EVIDENCE_CLASS, g))
        put(Quad(node, _IN_DOCUMENT, doc, g))
        if ev.sentence >= 0:
            put(Quad(node, _IN_SENTENCE, sentence_node(ev.sentence), g))
        quads.extend((
            Quad(node, _START, _int(ev.start), g),
            Quad(node, _END, _int(ev.end), g),
            Quad(node, _TEXT, Literal(ev.text), g),
            Quad(node, _CONFIDENCE, _confidence(ev.confidence), g),
            Quad(node, _RULE, Literal(ev.rule), g),
            Quad(target, _EVIDENCE, node, g),
        ))

    for entity in records.entities.values():
        node = NamedNode(entity.id)
        cls = _CLASSES.get(entity.cls) or term(KG[entity.cls])
        put(Quad(node, _TYPE, cls, g))
        put(Quad(node, _LABEL, Literal(entity.label), g))
        for alias in sorted(entity.aliases - {entity.label}):
            put(Quad(node, _ALT, Literal(alias), g))
        for ev in entity.evidence:
            evidence(node, ev)

    for rel in records.relations:
        s, p, o = NamedNode(rel.subject), _RELATIONS.get(rel.predicate) or term(KG[rel.predicate]), \
            NamedNode(rel.object)
        st = NamedNode(str(iris.node_iri("statement", rel.subject, rel.predicate, rel.object)))
        quads.extend((
            Quad(s, p, o, g),
            Quad(st, _TYPE, _STATEMENT, g),
            Quad(st, _SUBJECT, s, g),
            Quad(st, _PREDICATE, p, g),
            Quad(st, _OBJECT, o, g),
        ))
        for ev in rel.evidence:
            evidence(st, ev)

    for m in records.metrics:
        # The same figure reported twice (in two sentences or two articles, worded
        # differently) is one metric: identity is subject, value, unit and date.
        value = decimal_literal(m.value)
        node = NamedNode(str(iris.node_iri("metric", m.subject, value.value, m.unit, m.date)))
        quads.extend((
            Quad(node, _TYPE, _METRIC, g),
            Quad(node, _VALUE, value, g),
            Quad(node, _UNIT, Literal(m.unit), g),
            Quad(node, _MEASURE, Literal(m.measure), g),
            Quad(node, _LABEL, Literal(f"{m.measure}: {format(Decimal(m.value).normalize(), 'f')} {m.unit}"), g),
            Quad(node, _METRIC_SUBJECT, NamedNode(m.subject), g),
        ))
        if m.location:
            put(Quad(node, _LOCATION, NamedNode(m.location), g))
        if m.date:
            put(Quad(node, _DATE, date_literal(m.date), g))
        for ev in m.evidence:
            evidence(node, ev)

    by_index = {s.index: s for s in records.sentences}
    for index in sorted(used_sentences):
        sent = by_index.get(index)
        if sent is None:
            continue
        node = sentence_node(index)
        quads.extend((
            Quad(node, _TYPE, _SENTENCE, g),
            Quad(node, _IN_DOCUMENT, doc, g),
            Quad(node, _SENTENCE_INDEX, _int(index), g),
            Quad(node, _START, _int(sent.start), g),
            Quad(node, _END, _int(sent.end), g),
            Quad(node, _TEXT, Literal(sent.text), g),
        ))
    return iter(quads)
