"""Sentence boundaries at paragraph breaks (spaCy component ``kg_paragraphs``, before the parser).

Scraped articles put a headline, a standfirst and each paragraph on their own
lines, often without final punctuation; the parser then glues a headline to the
first sentence and misreads both.  A blank line always ends a sentence; a single
line break does when the line before ends a sentence or is a title-cased line.
Hard-wrapped prose (a line ending mid-sentence, the next starting in lower case)
is left alone.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .furniture import is_headline

_ENDS = (".", "!", "?", ":", '"', "\u201d", "'", "\u2019", ")")


def mark_paragraphs(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on the first token after each paragraph or line break."""
    for tok in doc[:-1]:
        if not tok.is_space or "\n" not in tok.text:
            continue
        nxt = doc[tok.i + 1]
        if "\n\n" in tok.text.replace("\r", "") or tok.text.count("\n") > 1:
            nxt.is_sent_start = True
            continue
        line_start = tok.i
        while line_start > 0 and "\n" not in doc[line_start - 1].text:
            line_start -= 1
        line = doc[line_start:tok.i].text
        if line.rstrip().endswith(_ENDS) or is_headline(line) or nxt.text[:1].isupper() or not nxt.is_alpha:
            nxt.is_sent_start = True
    return doc


@Language.component("kg_paragraphs", assigns=["token.is_sent_start"])
def paragraphs_component(doc: Doc) -> Doc:
    """spaCy component wrapping :func:`mark_paragraphs`."""
    return mark_paragraphs(doc)
