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
from .vocab import DCTERMS, KG, RDF, RDFS, SKOS, XSD

__all__ = ["document_quads", "term", "date_literal", "decimal_literal"]

_CACHE: dict[object, NamedNode] = {}


def term(uri) -> NamedNode:
    """The pyoxigraph node for an rdflib vocabulary term (cached)."""
    node = _CACHE.get(uri)
    if node is None:
        node = _CACHE[uri] = NamedNode(str(uri))
    return node


_TYPE = term(RDF.type)
_LABEL = term(RDFS.label)
_ALT = term(SKOS.altLabel)
_XSD_INT = term(XSD.integer)
_XSD_DEC = term(XSD.decimal)
_DATE_TYPES = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), term(XSD.date)),
    (re.compile(r"^\d{4}-\d{2}$"), term(XSD.gYearMonth)),
    (re.compile(r"^\d{4}$"), term(XSD.gYear)),
)


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


def _int(n: int) -> Literal:
    return Literal(str(n), datatype=_XSD_INT)


def document_quads(records: DocumentRecords) -> Iterator[Quad]:
    """All quads for one document's records, in its own named graph."""
    name = records.source_name
    g = NamedNode(str(iris.graph_iri(name)))
    doc = NamedNode(str(iris.document_iri(name)))
    kg = term

    yield Quad(doc, _TYPE, kg(KG.Document), g)
    yield Quad(doc, kg(KG.sourceName), Literal(name), g)
    yield Quad(doc, kg(KG.sha256), Literal(records.sha256), g)
    yield Quad(doc, kg(DCTERMS.identifier), Literal(name), g)

    sentence_nodes: dict[int, NamedNode] = {}

    def sentence_node(index: int) -> NamedNode:
        node = sentence_nodes.get(index)
        if node is None:
            node = sentence_nodes[index] = NamedNode(str(iris.sentence_iri(name, index)))
        return node

    used_sentences: set[int] = set()

    def evidence(target: str, ev: Evidence) -> Iterator[Quad]:
        node = NamedNode(str(iris.node_iri("evidence", name, target, ev.start, ev.end, ev.rule)))
        used_sentences.add(ev.sentence)
        yield Quad(node, _TYPE, kg(KG.Evidence), g)
        yield Quad(node, kg(KG.inDocument), doc, g)
        if ev.sentence >= 0:
            yield Quad(node, kg(KG.inSentence), sentence_node(ev.sentence), g)
        yield Quad(node, kg(KG.startChar), _int(ev.start), g)
        yield Quad(node, kg(KG.endChar), _int(ev.end), g)
        yield Quad(node, kg(KG.text), Literal(ev.text), g)
        yield Quad(node, kg(KG.confidence), decimal_literal(round(ev.confidence, 3)), g)
        yield Quad(node, kg(KG.rule), Literal(ev.rule), g)
        yield Quad(NamedNode(target), kg(KG.evidence), node, g)

    for entity in records.entities.values():
        node = NamedNode(entity.id)
        yield Quad(node, _TYPE, kg(KG[entity.cls]), g)
        yield Quad(node, _LABEL, Literal(entity.label), g)
        for alias in sorted(entity.aliases - {entity.label}):
            yield Quad(node, _ALT, Literal(alias), g)
        for ev in entity.evidence:
            yield from evidence(entity.id, ev)

    for rel in records.relations:
        s, p, o = NamedNode(rel.subject), kg(KG[rel.predicate]), NamedNode(rel.object)
        yield Quad(s, p, o, g)
        stmt = str(iris.node_iri("statement", rel.subject, rel.predicate, rel.object))
        st = NamedNode(stmt)
        yield Quad(st, _TYPE, term(RDF.Statement), g)
        yield Quad(st, term(RDF.subject), s, g)
        yield Quad(st, term(RDF.predicate), p, g)
        yield Quad(st, term(RDF.object), o, g)
        for ev in rel.evidence:
            yield from evidence(stmt, ev)

    for m in records.metrics:
        # The same figure reported twice (in two sentences or two articles, worded
        # differently) is one metric: identity is subject, value, unit and date.
        mid = str(iris.node_iri("metric", m.subject, decimal_literal(m.value).value, m.unit, m.date))
        node = NamedNode(mid)
        yield Quad(node, _TYPE, kg(KG.Metric), g)
        yield Quad(node, kg(KG.value), decimal_literal(m.value), g)
        yield Quad(node, kg(KG.unit), Literal(m.unit), g)
        yield Quad(node, kg(KG.measure), Literal(m.measure), g)
        yield Quad(node, _LABEL, Literal(f"{m.measure}: {format(Decimal(m.value).normalize(), 'f')} {m.unit}"), g)
        yield Quad(node, kg(KG.subject), NamedNode(m.subject), g)
        if m.location:
            yield Quad(node, kg(KG.location), NamedNode(m.location), g)
        if m.date:
            yield Quad(node, kg(KG.date), date_literal(m.date), g)
        for ev in m.evidence:
            yield from evidence(mid, ev)

    by_index = {s.index: s for s in records.sentences}
    for index in sorted(used_sentences):
        sent = by_index.get(index)
        if sent is None:
            continue
        node = sentence_node(index)
        yield Quad(node, _TYPE, kg(KG.Sentence), g)
        yield Quad(node, kg(KG.inDocument), doc, g)
        yield Quad(node, kg(KG.sentenceIndex), _int(index), g)
        yield Quad(node, kg(KG.startChar), _int(sent.start), g)
        yield Quad(node, kg(KG.endChar), _int(sent.end), g)
        yield Quad(node, kg(KG.text), Literal(sent.text), g)
