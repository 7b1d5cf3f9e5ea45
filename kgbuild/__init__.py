"""kgbuild: knowledge graphs of tech platforms and their regulators, from news articles.

The flow, one module per stage: :mod:`~kgbuild.articles` (input text) →
:mod:`~kgbuild.pipeline` (spaCy Doc) → :mod:`~kgbuild.extract` (records) →
:mod:`~kgbuild.graph` (quads) → :mod:`~kgbuild.store` / :mod:`~kgbuild.serialize`
(Turtle and friends), :mod:`~kgbuild.query` (SPARQL), :mod:`~kgbuild.view` (HTML).
"""

__version__ = "0.1.0"

__all__ = ["__version__", "build"]


def build(*args, **kwargs):
    """Build a graph from inputs; see :func:`kgbuild.build.build`."""
    from .build import build as _build

    return _build(*args, **kwargs)
