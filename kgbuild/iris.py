"""Minting deterministic, always-valid IRIs for what kgbuild extracts.

The same entity found in two articles or in two runs gets the same IRI, so graphs
built separately merge by plain union.  Whatever characters the source text
holds, the IRI only ever contains unreserved letters, digits and ``-``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

from .errors import ConfigError
from .vocab import KGR, RESOURCE_BASE

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
    h = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:length]


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
    return KGR[f"{cls.lower()}/{slug(key)}"]


def document_iri(source_name: str) -> URIRef:
    """IRI of a source document, from its name relative to the input it came from."""
    return KGR[f"document/{slug(source_name)}-{digest(source_name, length=8)}"]


def graph_iri(source_name: str) -> URIRef:
    """IRI of the named graph that holds everything extracted from one document."""
    return KGR[f"graph/{slug(source_name)}-{digest(source_name, length=8)}"]


def sentence_iri(source_name: str, index: int) -> URIRef:
    """IRI of the ``index``-th sentence of a document."""
    return KGR[f"sentence/{slug(source_name)}-{digest(source_name, length=8)}/{index}"]


def node_iri(kind: str, *parts: object) -> URIRef:
    """IRI of a node identified only by its content (metric, statement, evidence)."""
    return KGR[f"{kind}/{digest(*parts)}"]
