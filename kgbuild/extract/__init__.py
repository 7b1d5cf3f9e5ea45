"""Extraction: spaCy components that find entities, relations and metrics, and
:func:`doc_to_records`, which turns a processed Doc into :class:`DocumentRecords`."""

from __future__ import annotations

from spacy.tokens import Doc

from ..articles import Article
from ..iris import entity_iri
from ..records import DocumentRecords, Entity, Evidence, Metric, Sentence

__all__ = ["doc_to_records"]


def doc_to_records(doc: Doc, article: Article, offset: int = 0) -> DocumentRecords:
    """Read the kgbuild components' output off ``doc`` into records.

    ``offset`` is added to character positions when ``doc`` holds one chunk of a
    longer article, so evidence offsets always refer to the whole article text.
    """
    rec = DocumentRecords(article.source_name, article.sha256)
    sent_index = {}
    for i, sent in enumerate(doc.sents):
        rec.sentences.append(Sentence(i, sent.start_char + offset, sent.end_char + offset, sent.text))
        sent_index[sent.start] = i

    def evidence(start_tok: int, end_tok: int, confidence: float, rule: str) -> Evidence:
        span = doc[start_tok:end_tok]
        return Evidence(span.start_char + offset, span.end_char + offset, sent_index[span.sent.start],
                        span.text, confidence, rule)

    for m in doc._.kg_mentions or ():
        entity = Entity(m.cls, m.key, m.label, set(m.aliases) | {doc[m.start:m.end].text},
                        [evidence(m.start, m.end, m.confidence, m.rule)])
        entity.aliases = {a for a in entity.aliases if a and a != m.label}
        rec.add_entity(entity)

    for r in doc._.kg_relations or ():
        for ent in (r.subject, r.object):
            if str(entity_iri(ent.cls, ent.key)) not in rec.entities:
                rec.add_entity(Entity(ent.cls, ent.key, ent.label, set(),
                                      [evidence(r.start, r.end, r.confidence, r.rule)]))
        rec.add_relation(str(entity_iri(r.subject.cls, r.subject.key)), r.predicate,
                         str(entity_iri(r.object.cls, r.object.key)),
                         evidence(r.start, r.end, r.confidence, r.rule))

    for m in doc._.kg_metrics or ():
        for ent in filter(None, (m.subject, m.location)):
            if str(entity_iri(ent.cls, ent.key)) not in rec.entities:
                rec.add_entity(Entity(ent.cls, ent.key, ent.label, set(),
                                      [evidence(m.start, m.end, m.confidence, m.rule)]))
        rec.metrics.append(Metric(
            m.value, m.unit, m.measure, str(entity_iri(m.subject.cls, m.subject.key)),
            str(entity_iri(m.location.cls, m.location.key)) if m.location else None,
            m.date, [evidence(m.start, m.end, m.confidence, m.rule)],
        ))
    return rec
