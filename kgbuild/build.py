"""The build: articles → Docs (spaCy, batched) → records → store → files.

:func:`build` is what ``kgbuild build`` calls; :func:`extract_records` is the
streaming core, usable on its own.

Everything streams: articles are read one at a time, ``nlp.pipe`` holds one batch
of Docs, and each document's records go into the store (or, for N-Quads output
without a store, straight into the file) as soon as they exist, so kgbuild's
working memory does not grow with the corpus.  The graph itself does, in an
in-memory store (docs/benchmarks-throughput.md measures both, and an on-disk
store).  With ``jobs > 1`` the pipeline runs in worker processes
(:mod:`kgbuild.parallel`); with ``engine="dask"`` on a Dask cluster
(:mod:`kgbuild.distributed`).  The graph is the same whichever way it was
built: IRIs are deterministic and each document has its own named graph.
"""

from __future__ import annotations

import gc
import os
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.language import Language

from .articles import Article, SkippedInput, check_inputs, chunks, iter_paths, read_articles
from .errors import NothingToBuild
from .extract import doc_to_records
from .fileio import atomic_output
from .graph import document_nquads, document_statements
from .pipeline import DEFAULT_MODEL, load_nlp
from .records import DocumentRecords
from .serialize import STATEMENT_FORMATS, get_format, write_statements
from .store import GraphStore

#: Documents per ``nlp.pipe`` batch (and per task sent to a worker process).
DEFAULT_BATCH_SIZE = 32
#: Longest text given to spaCy in one piece: longer articles are split at paragraph
#: breaks, because the parser's memory grows with the length of a Doc.
MAX_CHUNK_CHARS = 100_000
#: Build engines: ``local`` (this machine, ``jobs`` processes) and ``dask`` (a Dask cluster).
ENGINES = ("local", "dask")

#: ``progress(done, total)``: documents finished (read or skipped) and inputs found.
Progress = Callable[[int, "int | None"], None]


@dataclass
class BuildSummary:
    """What a build did: counts and timing, printable and JSON-serialisable.

    Only counters are kept per build (plus the names of skipped inputs), so a
    summary stays small however many documents go through it.
    """

    documents: int = 0
    sentences: int = 0
    words: int = 0
    entities: Counter = field(default_factory=Counter)
    relations: Counter = field(default_factory=Counter)
    metrics: int = 0
    triples: int | None = 0  # distinct triples in the graph (None when streamed, uncounted)
    quads: int = 0  # quads written as they came (streamed N-Quads output)
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0
    outputs: list[str] = field(default_factory=list)
    jobs: int = 1
    engine: str = "local"

    def add(self, rec: DocumentRecords, words: int = 0) -> None:
        """Count one document's records (and its ``words``)."""
        self.documents += 1
        self.words += words
        self.sentences += len(rec.sentences)
        self.entities.update(rec.entity_counts())
        self.relations.update(r.predicate for r in rec.relations)
        self.metrics += len(rec.metrics)

    def merge(self, other: BuildSummary) -> None:
        """Add the counts of ``other`` (a part of this build, e.g. one Dask partition)."""
        self.documents += other.documents
        self.words += other.words
        self.sentences += other.sentences
        self.entities.update(other.entities)
        self.relations.update(other.relations)
        self.metrics += other.metrics
        self.skipped.extend(other.skipped)

    def as_dict(self) -> dict:
        """A JSON-ready dict."""
        return {
            "documents": self.documents, "sentences": self.sentences, "words": self.words,
            "entities": dict(sorted(self.entities.items())), "entities_total": sum(self.entities.values()),
            "relations": dict(sorted(self.relations.items())), "relations_total": sum(self.relations.values()),
            "metrics": self.metrics, "triples": self.triples, "quads": self.quads, "skipped": self.skipped,
            "seconds": round(self.seconds, 3), "outputs": self.outputs, "jobs": self.jobs, "engine": self.engine,
        }


def count_words(doc) -> int:
    """Words in a Doc: tokens that are neither punctuation nor whitespace."""
    return sum(1 for t in doc if not t.is_punct and not t.is_space)


def merge_chunks(parts: list[DocumentRecords]) -> DocumentRecords:
    """One article's records from the records of its consecutive chunks.

    Each chunk numbers its sentences from 0; here they are renumbered to follow
    on from the previous chunk's, evidence included.  Character offsets already
    refer to the whole article (``doc_to_records(..., offset=...)``).
    """
    merged = DocumentRecords(parts[0].source_name, parts[0].sha256)
    for part in parts:
        shift = len(merged.sentences)

        def moved(evidence):
            return [replace(e, sentence=e.sentence + shift) if e.sentence >= 0 else e for e in evidence]

        merged.sentences.extend(replace(s, index=s.index + shift) for s in part.sentences)
        for entity in part.entities.values():
            entity.evidence = moved(entity.evidence)
            merged.add_entity(entity)
        for rel in part.relations:
            for ev in moved(rel.evidence):
                merged.add_relation(rel.subject, rel.predicate, rel.object, ev)
        for metric in part.metrics:
            metric.evidence = moved(metric.evidence)
            merged.metrics.append(metric)
    return merged


def _pieces(articles: Iterable[Article], max_chars: int) -> Iterator[tuple[str, tuple[Article, int, bool]]]:
    # (text, (article, offset, last piece?)) for nlp.pipe(as_tuples=True): most
    # articles are one piece; an over-long one is split at paragraph breaks.
    for article in articles:
        if len(article.text) <= max_chars:
            yield article.text, (article, 0, True)
            continue
        parts = chunks(article.text, max_chars)
        for i, (offset, text) in enumerate(parts):
            yield text, (article, offset, i == len(parts) - 1)


def pipe_records(nlp: Language, articles: Iterable[Article],
                 batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[tuple[DocumentRecords, int]]:
    """``(records, words)`` per article, in input order, from a loaded pipeline ``nlp``.

    The single-process core shared by every engine: lazy in ``articles``, one
    ``nlp.pipe`` batch of Docs alive at a time.
    """
    # The loaded model is hundreds of thousands of long-lived Python objects that every full
    # collection would walk again while the build makes Docs; freezing what is alive now
    # (after collecting today's garbage) keeps collections proportional to the build's own objects.
    gc.collect()
    gc.freeze()
    max_chars = min(nlp.max_length, MAX_CHUNK_CHARS)
    parts: list[DocumentRecords] = []
    words = 0
    for doc, (article, offset, last) in nlp.pipe(_pieces(articles, max_chars), as_tuples=True,
                                                  batch_size=batch_size):
        words += count_words(doc)
        parts.append(doc_to_records(doc, article, offset=offset))
        if last:
            yield (parts[0] if len(parts) == 1 else merge_chunks(parts)), words
            parts, words = [], 0


def extract_records(articles: Iterable[Article], model: str = DEFAULT_MODEL,
                    batch_size: int = DEFAULT_BATCH_SIZE, summary: BuildSummary | None = None,
                    jobs: int = 1) -> Iterator[DocumentRecords]:
    """Run the pipeline over ``articles`` lazily and yield one DocumentRecords per article, in order.

    ``jobs > 1`` runs the pipeline in that many worker processes; the records are
    the same.  If ``summary`` is given, each document is counted into it.
    """
    if jobs > 1:
        from .parallel import parallel_records

        stream = parallel_records(articles, model=model, batch_size=batch_size, jobs=jobs)
    else:
        stream = pipe_records(load_nlp(model), articles, batch_size=batch_size)
    for rec, words in stream:
        if summary is not None:
            summary.add(rec, words)
        yield rec


def resolve_jobs(jobs: int | None) -> int:
    """``jobs`` as a process count: ``0`` or ``None`` means one per CPU core."""
    if not jobs:
        return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if jobs < 0:
        raise ValueError("jobs must be 0 (one per core) or more")
    return jobs


def count_inputs(inputs: Iterable[str | os.PathLike]) -> int:
    """How many article files (and stdin) ``inputs`` name: the total for a progress bar."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SkippedInput)  # reported once, by the build itself
        return sum(1 for _ in iter_paths(inputs))


class _SkipCollector:
    """Collects SkippedInput warnings as they are raised (other warnings pass through)."""

    def __init__(self):
        self.messages: list[str] = []
        self._catcher = warnings.catch_warnings()

    def __enter__(self) -> _SkipCollector:
        self._catcher.__enter__()
        warnings.simplefilter("always", SkippedInput)
        passthrough = warnings.showwarning

        def show(message, category, filename, lineno, file=None, line=None):
            if issubclass(category, SkippedInput):
                self.messages.append(str(message))
            else:
                passthrough(message, category, filename, lineno, file, line)

        warnings.showwarning = show
        return self

    def __exit__(self, *exc) -> None:
        self._catcher.__exit__(*exc)


def build(inputs: list[str | os.PathLike], output: str | os.PathLike | None = None,
          store: str | os.PathLike | GraphStore | None = None, format: str | None = None,
          model: str = DEFAULT_MODEL, strict: bool = False, progress: Progress | None = None,
          jobs: int = 1, batch_size: int = DEFAULT_BATCH_SIZE, engine: str = "local",
          scheduler: str | None = None, shards: str | os.PathLike | None = None) -> BuildSummary:
    """Build a graph from ``inputs`` into ``output`` (a file) and/or ``store``.

    ``store`` is a directory (a persistent store, created if needed) or an open
    :class:`GraphStore`; without it the graph is built in memory, except for an
    N-Quads ``output`` (``.nq``), which is then streamed: each document's quads
    are written as soon as it is extracted, so memory stays flat however big the
    corpus (documents in input order; ``summary.triples`` is then ``None``, as
    counting distinct triples would need the whole graph).  ``jobs`` is the
    number of processes (``0``: one per core).  ``engine="dask"`` runs the
    extraction on a Dask cluster: the one at ``scheduler`` (``host:port``), else a
    local cluster of ``jobs`` workers; ``shards`` names a folder the workers can
    all write to for their N-Quads shards (see :mod:`kgbuild.distributed`).
    ``progress(done, total)`` is called as documents finish.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of: {', '.join(ENGINES)}")
    check_inputs(inputs)
    fmt = get_format(format, output) if output is not None else None  # a bad format fails before any work
    started = time.perf_counter()
    jobs = resolve_jobs(jobs)
    summary = BuildSummary(jobs=jobs, engine=engine)
    total = count_inputs(inputs) if progress is not None else None

    def records(skips: _SkipCollector) -> Iterator[DocumentRecords]:
        for rec in extract_records(read_articles(inputs, strict=strict), model=model,
                                   batch_size=batch_size, summary=summary, jobs=jobs):
            yield rec
            if progress is not None:
                progress(summary.documents + len(skips.messages), total)

    if store is None and fmt is not None and fmt.name == "nq" and engine == "local":
        with _SkipCollector() as skips, atomic_output(output) as fh:
            for rec in records(skips):
                data = document_nquads(rec)  # each quad once, as pyoxigraph would write it
                fh.write(data)
                summary.quads += data.count(b"\n")
            _check_something_read(summary, skips)
        summary.triples = None
        summary.outputs.append(str(Path(output)))
        return _finish(summary, skips, progress, total, started)

    if store is None and fmt is not None and fmt.name in STATEMENT_FORMATS and engine == "local":
        # One Turtle or N-Triples file and no store: the union of the documents'
        # statements, kept as text, is all the writer needs (Oxigraph would parse
        # them only to be read back).
        statements: set[str] = set()
        with _SkipCollector() as skips:
            for rec in records(skips):
                statements.update(document_statements(rec)[1])
            _check_something_read(summary, skips)
        summary.triples = write_statements(statements, output, fmt)
        summary.outputs.append(str(Path(output)))
        return _finish(summary, skips, progress, total, started)

    if isinstance(store, GraphStore):
        graph, store_path = store, store.path
    else:
        graph, store_path = (GraphStore.open(store) if store else GraphStore.memory()), store
    with _SkipCollector() as skips:
        if engine == "dask":
            from .distributed import build_on_dask

            build_on_dask(graph, inputs, summary, model=model, strict=strict, batch_size=batch_size,
                          workers=jobs, scheduler=scheduler, shards=shards,
                          progress=(lambda done: progress(done, total)) if progress else None)
        else:
            for rec in records(skips):
                graph.add_document(rec)
    graph.flush()
    _check_something_read(summary, skips)
    if output is not None:
        graph.write(output, fmt)
        summary.outputs.append(str(Path(output)))
    if store_path is not None:
        summary.outputs.append(str(Path(store_path)))
    summary.triples = graph.triple_count()
    return _finish(summary, skips, progress, total, started)


def _check_something_read(summary: BuildSummary, skips: _SkipCollector) -> None:
    # Every input skipped: writing would replace a good graph file with an empty one.
    if summary.documents == 0 and skips.messages:
        first = skips.messages[0]
        more = f" (and {len(skips.messages) - 1} more)" if len(skips.messages) > 1 else ""
        raise NothingToBuild(f"no input could be read — {first}{more}; nothing was written")


def _finish(summary: BuildSummary, skips: _SkipCollector, progress: Progress | None, total: int | None,
            started: float) -> BuildSummary:
    summary.skipped.extend(skips.messages)
    if progress is not None:
        progress(summary.documents + len(summary.skipped), total)
    summary.seconds = time.perf_counter() - started
    return summary
