"""Minting deterministic, always-valid IRIs for what kgbuild extracts.

The same entity found in two articles or in two runs gets the same IRI, so graphs
built separately merge by plain union.  Whatever characters the source text
holds, the IRI only ever contains unreserved letters, digits and ``-``.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

from rdflib import URIRef

from .errors import ConfigError
from .vocab import RESOURCE_BASE

_MAX_SLUG = 80
_NON_WORD = re.compile(r"[^0-9a-z]+")
# An absolute IRI with nothing Turtle's IRIREF forbids: scheme ":" then no space, control or <>"{}|^`\.
_SAFE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\\x7f-\x9f]*")


def is_safe_iri(iri: str) -> bool:
    """True if ``iri`` is absolute and writable as-is in every RDF syntax (no escaping needed)."""
    return bool(_SAFE_IRI.fullmatch(iri))


def check_resource_base(base: str = RESOURCE_BASE) -> str:
    """``base`` if it can prefix minted IRIs, else ConfigError saying how to fix ``KGBUILD_RESOURCE_BASE``."""
    if not is_safe_iri(base) or not base.endswith(("/", "#")) or "#" in base[:-1]:
        raise ConfigError(
            f"KGBUILD_RESOURCE_BASE={base!r} cannot prefix kgbuild's IRIs; set it to an absolute IRI ending "
            "in / or # with no spaces (e.g. https://example.org/id/), or unset it"
        )
    return base


check_resource_base()


def digest(*parts: object, length: int = 16) -> str:
    """A short hex SHA-256 of ``parts`` joined by a separator no text holds."""
    h = hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:length]


# Entity keys recur across a corpus (the same companies, countries and people), and
# folding a name is most of the cost of minting its IRI.
@functools.lru_cache(maxsize=1 << 16)
def slug(text: str) -> str:
    """Fold ``text`` to lowercase ASCII words joined by ``-``.

    Non-Latin text (which folds to nothing) and over-long text get a hash, so two
    different names never share a slug by accident of folding.
    """
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    s = _NON_WORD.sub("-", folded.encode("ascii", "ignore").decode("ascii")).strip("-")
    if not s:
        return "x" + digest(text, length=12)
    if len(s) > _MAX_SLUG:
        return s[:_MAX_SLUG].rstrip("-") + "-" + digest(text, length=8)
    return s


def entity_iri(cls: str, key: str) -> URIRef:
    """IRI of an entity of class ``cls`` whose identity key is ``key``."""
    return URIRef(entity_id(cls, key))


def document_iri(source_name: str) -> URIRef:
    """IRI of a source document, from its name relative to the input it came from."""
    return URIRef(document_id(source_name))


def graph_iri(source_name: str) -> URIRef:
    """IRI of the named graph that holds everything extracted from one document."""
    return URIRef(graph_id(source_name))


def sentence_iri(source_name: str, index: int) -> URIRef:
    """IRI of the ``index``-th sentence of a document."""
    return URIRef(sentence_id(source_name, index))


def node_iri(kind: str, *parts: object) -> URIRef:
    """IRI of a node identified only by its content (metric, statement, evidence)."""
    return URIRef(node_id(kind, *parts))


# The same IRIs as plain strings, for the graph and the records: a build mints one
# per entity mention and evidence node, and an rdflib URIRef (which checks its text
# again) cost more than the rest of the minting.  Everything a string IRI holds is
# RESOURCE_BASE (checked above) and slug/digest output, so it needs no check.

def entity_id(cls: str, key: str) -> str:
    """:func:`entity_iri` as a string."""
    return f"{RESOURCE_BASE}{cls.lower()}/{slug(key)}"


def document_id(source_name: str) -> str:
    """:func:`document_iri` as a string."""
    return f"{RESOURCE_BASE}document/{_document_key(source_name)}"


def graph_id(source_name: str) -> str:
    """:func:`graph_iri` as a string."""
    return f"{RESOURCE_BASE}graph/{_document_key(source_name)}"


def sentence_id(source_name: str, index: int) -> str:
    """:func:`sentence_iri` as a string."""
    return f"{RESOURCE_BASE}sentence/{_document_key(source_name)}/{index}"


def node_id(kind: str, *parts: object) -> str:
    """:func:`node_iri` as a string."""
    return f"{RESOURCE_BASE}{kind}/{digest(*parts)}"


@functools.lru_cache(maxsize=256)
def _document_key(source_name: str) -> str:
    # The part of a document's, graph's and sentences' IRIs that names the document:
    # worked out once per document, not once per sentence.
    return f"{slug(source_name)}-{digest(source_name, length=8)}"
