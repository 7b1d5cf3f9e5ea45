"""Extraction: spaCy components that find entities, relations and metrics, and
:func:`doc_to_records`, which turns a processed Doc into :class:`DocumentRecords`."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc

from ..articles import Article
from ..iris import entity_id
from ..records import DocumentRecords, Entity, Evidence, Metric, Sentence

__all__ = ["doc_to_records"]


def doc_to_records(doc: Doc, article: Article, offset: int = 0) -> DocumentRecords:
    """Read the kgbuild components' output off ``doc`` into records.

    ``doc`` is the Doc of ``article.text`` or, when it holds one chunk of a longer
    article, of the chunk starting at ``offset`` in it; ``offset`` is added to
    character positions, so evidence offsets always refer to the whole article text.
    """
    rec = DocumentRecords(article.source_name, article.sha256)
    text = _doc_text(doc, article, offset)
    # Token index where each sentence starts, in order: the sentence of a span is the
    # last one starting at or before its first token, as Span.sent finds it.
    starts: list[int] = []
    for i, sent in enumerate(doc.sents):
        start, end = sent.start_char, sent.end_char
        rec.sentences.append(Sentence(i, start + offset, end + offset, text[start:end]))
        starts.append(sent.start)

    def evidence(start_tok: int, end_tok: int, confidence: float, rule: str) -> Evidence:
        span = doc[start_tok:end_tok]
        start, end = span.start_char, span.end_char
        return Evidence(start + offset, end + offset, bisect_right(starts, start_tok) - 1, text[start:end],
                        confidence, rule)

    for m in doc._.kg_mentions or ():
        ev = evidence(m.start, m.end, m.confidence, m.rule)
        rec.add_entity(Entity(m.cls, m.key, m.label, {a for a in (*m.aliases, ev.text) if a and a != m.label}, [ev]))

    for r in doc._.kg_relations or ():
        for ent in (r.subject, r.object):
            if entity_id(ent.cls, ent.key) not in rec.entities:
                rec.add_entity(Entity(ent.cls, ent.key, ent.label, set(),
                                      [evidence(r.start, r.end, r.confidence, r.rule)]))
        rec.add_relation(entity_id(r.subject.cls, r.subject.key), r.predicate,
                         entity_id(r.object.cls, r.object.key),
                         evidence(r.start, r.end, r.confidence, r.rule))

    for m in doc._.kg_metrics or ():
        for ent in filter(None, (m.subject, m.location)):
            if entity_id(ent.cls, ent.key) not in rec.entities:
                rec.add_entity(Entity(ent.cls, ent.key, ent.label, set(),
                                      [evidence(m.start, m.end, m.confidence, m.rule)]))
        rec.metrics.append(Metric(
            m.value, m.unit, m.measure, entity_id(m.subject.cls, m.subject.key),
            entity_id(m.location.cls, m.location.key) if m.location else None,
            m.date, [evidence(m.start, m.end, m.confidence, m.rule)],
        ))
    return rec


def _doc_text(doc: Doc, article: Article, offset: int) -> str:
    # The text of ``doc``, sliced from the article's: Doc.text and Span.text join one
    # new Token object per token, which cost more than the rest of this module.  A Doc
    # that is not of that text (the last token not where it should be) gets its own.
    if not len(doc):
        return doc.text
    last = doc[-1]
    tail = last.text_with_ws
    text = article.text[offset:offset + last.idx + len(tail)]
    if not text.endswith(tail) or len(text) != last.idx + len(tail):
        return doc.text
    return text
