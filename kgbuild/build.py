"""The build: articles → Docs (spaCy, batched) → records → store → files.

:func:`build` is what ``kgbuild build`` calls; :func:`extract_records` is the
streaming core, usable on its own.
"""

from __future__ import annotations

import os
import time
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .articles import Article, SkippedInput, check_inputs, read_articles
from .extract import doc_to_records
from .pipeline import DEFAULT_MODEL, load_nlp
from .records import DocumentRecords
from .store import GraphStore


@dataclass
class BuildSummary:
    """What a build did: counts and timing, printable and JSON-serialisable."""

    documents: int = 0
    sentences: int = 0
    words: int = 0
    entities: Counter = field(default_factory=Counter)
    relations: Counter = field(default_factory=Counter)
    metrics: int = 0
    triples: int = 0
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0
    outputs: list[str] = field(default_factory=list)

    def add(self, rec: DocumentRecords) -> None:
        """Count one document's records."""
        self.documents += 1
        self.sentences += len(rec.sentences)
        self.entities.update(rec.entity_counts())
        self.relations.update(r.predicate for r in rec.relations)
        self.metrics += len(rec.metrics)

    def as_dict(self) -> dict:
        """A JSON-ready dict."""
        return {
            "documents": self.documents, "sentences": self.sentences, "words": self.words,
            "entities": dict(sorted(self.entities.items())), "entities_total": sum(self.entities.values()),
            "relations": dict(sorted(self.relations.items())), "relations_total": sum(self.relations.values()),
            "metrics": self.metrics, "triples": self.triples, "skipped": self.skipped,
            "seconds": round(self.seconds, 3), "outputs": self.outputs,
        }


def extract_records(articles: Iterable[Article], model: str = DEFAULT_MODEL,
                    batch_size: int = 16, summary: BuildSummary | None = None) -> Iterator[DocumentRecords]:
    """Run the pipeline over ``articles`` lazily (``nlp.pipe`` batches) and yield records."""
    nlp = load_nlp(model)
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        if summary is not None:
            summary.words += sum(1 for t in doc if not t.is_punct and not t.is_space)
        yield doc_to_records(doc, article)


def build(inputs: list[str | os.PathLike], output: str | os.PathLike | None = None,
          store: str | os.PathLike | None = None, format: str | None = None,
          model: str = DEFAULT_MODEL, strict: bool = False, progress=None) -> BuildSummary:
    """Build a graph from ``inputs`` into ``output`` (a file) and/or ``store`` (a directory).

    ``progress`` is an optional callable taking the source name of each finished document.
    """
    check_inputs(inputs)
    started = time.perf_counter()
    summary = BuildSummary()
    graph = GraphStore.open(store) if store else GraphStore.memory()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SkippedInput)
        for rec in extract_records(read_articles(inputs, strict=strict), model=model, summary=summary):
            graph.add_document(rec)
            summary.add(rec)
            if progress is not None:
                progress(rec.source_name)
    summary.skipped = [str(w.message) for w in caught if issubclass(w.category, SkippedInput)]
    graph.flush()
    if output is not None:
        graph.write(output, format)
        summary.outputs.append(str(Path(output)))
    if store is not None:
        summary.outputs.append(str(Path(store)))
    summary.triples = graph.triple_count()
    summary.seconds = time.perf_counter() - started
    return summary
