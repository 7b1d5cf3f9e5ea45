"""Records → RDF statements under the kgbuild ontology.

Everything extracted from one document goes into that document's named graph
(:func:`kgbuild.iris.graph_iri`), so a changed article can replace exactly its own
statements in a store, and TriG / N-Quads exports carry provenance per document.

Statements are written out as N-Triples text, which the store and the streamed
N-Quads output take as they are (Oxigraph parses it in Rust).  Building a
pyoxigraph ``Quad`` per statement instead cost more than everything else a build
does after spaCy: a Quad whose object is a literal costs some 3 µs, most of it
pyoxigraph trying the other kinds of term first.  Terms are spelt exactly as
Oxigraph's N-Triples and N-Quads writers spell them (:func:`text_literal`), so
the bytes are the ones ``pyoxigraph.serialize`` would write for the same quads.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from . import iris
from .records import DocumentRecords, Evidence
from .vocab import DCTERMS, ENTITY_CLASSES, KG, RDF, RDFS, RELATIONS, SKOS, XSD

__all__ = ["document_statements", "document_nquads", "document_quads", "term", "text_literal", "date_literal",
           "decimal_literal"]

_CACHE: dict[object, NamedNode] = {}


def term(uri) -> NamedNode:
    """The pyoxigraph node for an rdflib vocabulary term (cached)."""
    node = _CACHE.get(uri)
    if node is None:
        node = _CACHE[uri] = NamedNode(str(uri))
    return node


def _spelt(uri) -> str:
    # An ontology or vocabulary IRI as an N-Triples term (checked by pyoxigraph once, here).
    return f"<{term(uri).value}>"


# The vocabulary as module constants: ``KG.x`` goes through rdflib's
# DefinedNamespace.__getattr__, which costs more than writing the statement itself.
_TYPE = _spelt(RDF.type)
_LABEL = _spelt(RDFS.label)
_ALT = _spelt(SKOS.altLabel)
_IDENTIFIER = _spelt(DCTERMS.identifier)
_STATEMENT, _SUBJECT, _PREDICATE, _OBJECT = (_spelt(RDF.Statement), _spelt(RDF.subject), _spelt(RDF.predicate),
                                             _spelt(RDF.object))
_DOCUMENT, _SOURCE_NAME, _SHA256 = _spelt(KG.Document), _spelt(KG.sourceName), _spelt(KG.sha256)
_SENTENCE, _SENTENCE_INDEX = _spelt(KG.Sentence), _spelt(KG.sentenceIndex)
_EVIDENCE_CLASS, _EVIDENCE = _spelt(KG.Evidence), _spelt(KG.evidence)
_IN_DOCUMENT, _IN_SENTENCE = _spelt(KG.inDocument), _spelt(KG.inSentence)
_START, _END, _TEXT = _spelt(KG.startChar), _spelt(KG.endChar), _spelt(KG.text)
_CONFIDENCE, _RULE = _spelt(KG.confidence), _spelt(KG.rule)
_METRIC, _VALUE, _UNIT, _MEASURE = _spelt(KG.Metric), _spelt(KG.value), _spelt(KG.unit), _spelt(KG.measure)
_METRIC_SUBJECT, _LOCATION, _DATE = _spelt(KG.subject), _spelt(KG.location), _spelt(KG.date)
#: Entity classes and relations by local name (records name them so); anything
#: else still goes through ``KG[...]``, which fails loudly on a misspelt name.
_CLASSES = {name: _spelt(KG[name]) for name in ENTITY_CLASSES}
_RELATIONS = {name: _spelt(KG[name]) for name in RELATIONS}

_XSD_INT = term(XSD.integer)
_XSD_DEC = term(XSD.decimal)
_INT_SUFFIX = f'"^^<{_XSD_INT.value}>'
_DATE_TYPES = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), term(XSD.date)),
    (re.compile(r"^\d{4}-\d{2}$"), term(XSD.gYearMonth)),
    (re.compile(r"^\d{4}$"), term(XSD.gYear)),
)

# What Oxigraph's N-Triples writer escapes in a string (checked against it, code
# point by code point, in tests/test_graph.py): C0 controls, DEL, U+FFFE and U+FFFF
# as \uXXXX, but for the six with a short escape.
_ESCAPED = re.compile('[\x00-\x1f"\\\\\x7f\ufffe\uffff]')
_SHORT_ESCAPES = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}


def _escape(match: re.Match) -> str:
    c = match.group()
    return _SHORT_ESCAPES.get(c) or f"\\u{ord(c):04X}"


def text_literal(value: str) -> str:
    """A plain (xsd:string) literal as an N-Triples term, spelt as Oxigraph writes it."""
    if _ESCAPED.search(value) is None:
        return f'"{value}"'
    return f'"{_ESCAPED.sub(_escape, value)}"'


def _date_type(value: str) -> NamedNode | None:
    for pattern, datatype in _DATE_TYPES:
        if pattern.match(value):
            return datatype
    return None


def date_literal(value: str) -> Literal:
    """A date as xsd:date / xsd:gYearMonth / xsd:gYear, or a plain period literal ("2024-Q3")."""
    datatype = _date_type(value)
    return Literal(value) if datatype is None else Literal(value, datatype=datatype)


def _date_term(value: str) -> str:
    datatype = _date_type(value)
    # A date's lexical form is digits and "-", nothing to escape.
    return text_literal(value) if datatype is None else f'"{value}"^^<{datatype.value}>'


def _decimal_text(value: Decimal | float | int) -> str:
    # The canonical form Oxigraph stores ("5", "0.85", "12500000"): no exponent, no
    # trailing zeros, no ".0", so a graph reads back term for term.
    text = format(Decimal(str(value)).normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def decimal_literal(value: Decimal | float | int) -> Literal:
    """An xsd:decimal in the canonical form Oxigraph stores ("5", "0.85", "12500000"):
    no exponent, no trailing zeros, no ".0", so a graph reads back term for term."""
    return Literal(_decimal_text(value), datatype=_XSD_DEC)


# Confidences repeat (each rule has a few fixed scores), and Decimal normalisation
# is the slowest part of an evidence node: remember the term of each one seen.
_CONFIDENCES: dict[float, str] = {}


def _confidence(value: float) -> str:
    spelt = _CONFIDENCES.get(value)
    if spelt is None:
        spelt = f'"{_decimal_text(round(value, 3))}"^^<{_XSD_DEC.value}>'
        # A fixed few in practice, so the bound never bites; zero is left out because
        # 0.0 and -0.0 are one key but two literals ("0" and "-0").
        if value and len(_CONFIDENCES) < 10_000:
            _CONFIDENCES[value] = spelt
    return spelt


# IRIs that records hold (entity ids, relation and metric subjects) as N-Triples
# terms, each checked once by pyoxigraph: records built by hand may hold anything,
# and a bad IRI must fail here, as building a NamedNode of it did, not in the store.
_CHECKED: dict[str, str] = {}


def _iri(value: str) -> str:
    spelt = _CHECKED.get(value)
    if spelt is None:
        spelt = f"<{NamedNode(value).value}>"
        if len(_CHECKED) < 1_000_000:
            _CHECKED[value] = spelt
    return spelt


def document_statements(records: DocumentRecords) -> tuple[str, list[str]]:
    """The IRI of one document's named graph, and the statements it holds.

    Each statement is ``"<s> <p> o"``, its terms spelt as in N-Triples (add
    ``" .\\n"`` for an N-Triples line); each once, in a stable order.
    """
    name = records.source_name
    doc_iri = iris.document_id(name)
    doc = f"<{doc_iri}>"
    statements: list[str] = [
        f"{doc} {_TYPE} {_DOCUMENT}",
        f"{doc} {_SOURCE_NAME} {text_literal(name)}",
        f"{doc} {_SHA256} {text_literal(records.sha256)}",
        f"{doc} {_IDENTIFIER} {text_literal(name)}",
    ]
    put = statements.append
    used_sentences: set[int] = set()

    def evidence(target: str, ev: Evidence) -> None:
        # ``target`` is the spelt IRI "<…>" of what the evidence supports.
        node = f"<{iris.node_id('evidence', name, target[1:-1], ev.start, ev.end, ev.rule)}>"
        used_sentences.add(ev.sentence)
        put(f"{node} {_TYPE} {_EVIDENCE_CLASS}")
        put(f"{node} {_IN_DOCUMENT} {doc}")
        if ev.sentence >= 0:
            put(f"{node} {_IN_SENTENCE} <{iris.sentence_id(name, ev.sentence)}>")
        statements.extend((
            f'{node} {_START} "{ev.start}{_INT_SUFFIX}',
            f'{node} {_END} "{ev.end}{_INT_SUFFIX}',
            f"{node} {_TEXT} {text_literal(ev.text)}",
            f"{node} {_CONFIDENCE} {_confidence(ev.confidence)}",
            f"{node} {_RULE} {text_literal(ev.rule)}",
            f"{target} {_EVIDENCE} {node}",
        ))

    for entity in records.entities.values():
        node = _iri(entity.id)
        put(f"{node} {_TYPE} {_CLASSES.get(entity.cls) or _spelt(KG[entity.cls])}")
        put(f"{node} {_LABEL} {text_literal(entity.label)}")
        for alias in sorted(entity.aliases - {entity.label}):
            put(f"{node} {_ALT} {text_literal(alias)}")
        for ev in entity.evidence:
            evidence(node, ev)

    for rel in records.relations:
        s, p, o = _iri(rel.subject), _RELATIONS.get(rel.predicate) or _spelt(KG[rel.predicate]), _iri(rel.object)
        st = f"<{iris.node_id('statement', rel.subject, rel.predicate, rel.object)}>"
        statements.extend((
            f"{s} {p} {o}",
            f"{st} {_TYPE} {_STATEMENT}",
            f"{st} {_SUBJECT} {s}",
            f"{st} {_PREDICATE} {p}",
            f"{st} {_OBJECT} {o}",
        ))
        for ev in rel.evidence:
            evidence(st, ev)

    for m in records.metrics:
        # The same figure reported twice (in two sentences or two articles, worded
        # differently) is one metric: identity is subject, value, unit and date.
        value = _decimal_text(m.value)
        node = f"<{iris.node_id('metric', m.subject, value, m.unit, m.date)}>"
        label = f"{m.measure}: {format(Decimal(m.value).normalize(), 'f')} {m.unit}"
        statements.extend((
            f"{node} {_TYPE} {_METRIC}",
            f'{node} {_VALUE} "{value}"^^<{_XSD_DEC.value}>',
            f"{node} {_UNIT} {text_literal(m.unit)}",
            f"{node} {_MEASURE} {text_literal(m.measure)}",
            f"{node} {_LABEL} {text_literal(label)}",
            f"{node} {_METRIC_SUBJECT} {_iri(m.subject)}",
        ))
        if m.location:
            put(f"{node} {_LOCATION} {_iri(m.location)}")
        if m.date:
            put(f"{node} {_DATE} {_date_term(m.date)}")
        for ev in m.evidence:
            evidence(node, ev)

    by_index = {s.index: s for s in records.sentences}
    for index in sorted(used_sentences):
        sent = by_index.get(index)
        if sent is None:
            continue
        node = f"<{iris.sentence_id(name, index)}>"
        statements.extend((
            f"{node} {_TYPE} {_SENTENCE}",
            f"{node} {_IN_DOCUMENT} {doc}",
            f'{node} {_SENTENCE_INDEX} "{index}{_INT_SUFFIX}',
            f'{node} {_START} "{sent.start}{_INT_SUFFIX}',
            f'{node} {_END} "{sent.end}{_INT_SUFFIX}',
            f"{node} {_TEXT} {text_literal(sent.text)}",
        ))
    # A document may state a thing twice (the same evidence found by two passes):
    # a graph is a set, and writers and the store want each statement once.
    return iris.graph_id(name), list(dict.fromkeys(statements))


def document_nquads(records: DocumentRecords) -> bytes:
    """One document's statements as N-Quads in its named graph (UTF-8), each once.

    The bytes ``pyoxigraph.serialize`` writes for :func:`document_quads`.
    """
    graph, statements = document_statements(records)
    if not statements:
        return b""
    suffix = f" <{graph}> .\n"
    return (suffix.join(statements) + suffix).encode("utf-8")


def document_quads(records: DocumentRecords) -> Iterator[Quad]:
    """All quads for one document's records, in its own named graph, each once."""
    return parse(document_nquads(records), format=RdfFormat.N_QUADS)
