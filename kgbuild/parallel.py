"""``--jobs N``: the spaCy pipeline in N worker processes on one machine.

The main process reads the articles (lazily, as for one job), sends them to the
workers in batches, and receives plain :class:`~kgbuild.records.DocumentRecords`
back: records pickle in a fraction of the time a Doc would, and the workers do
all the language work (spaCy and kgbuild's components).  The main process keeps
the store and writes the files.

Workers are started with ``spawn`` (each imports kgbuild and loads the pipeline
once), which is safe whatever threads the main process runs (tqdm, Oxigraph) and
works the same on Linux, macOS and Windows.  It means a script that calls
:func:`kgbuild.build.build` with ``jobs > 1`` needs the usual
``if __name__ == "__main__":`` guard; the ``kgbuild`` command has it.

Results come back in input order and at most ``2 × jobs`` batches are in flight,
so memory stays bounded however long the input stream is, and the records (hence
the graph) are the same for any number of jobs.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from .articles import Article
from .build import DEFAULT_BATCH_SIZE, pipe_records
from .pipeline import DEFAULT_MODEL, load_nlp
from .records import DocumentRecords

#: Batches queued per worker: enough that a worker never waits for the main process.
IN_FLIGHT_PER_JOB = 2


def _extract_batch(articles: list[Article], model: str, batch_size: int) -> list[tuple[DocumentRecords, int]]:
    # Runs in a worker: the pipeline is loaded on the first batch and cached
    # (load_nlp is lru_cached), so errors such as a missing model reach the
    # main process as ordinary exceptions.
    return list(pipe_records(load_nlp(model), articles, batch_size=batch_size))


def parallel_records(articles: Iterable[Article], model: str = DEFAULT_MODEL, batch_size: int = DEFAULT_BATCH_SIZE,
                     jobs: int = 2) -> Iterator[tuple[DocumentRecords, int]]:
    """``(records, words)`` per article, in input order, computed by ``jobs`` worker processes."""
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    stream = iter(articles)
    pending: deque[Future] = deque()
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"))
    try:
        def submit() -> bool:
            batch = list(islice(stream, batch_size))
            if batch:
                pending.append(executor.submit(_extract_batch, batch, model, batch_size))
            return bool(batch)

        while len(pending) < jobs * IN_FLIGHT_PER_JOB and submit():
            pass
        while pending:
            results = pending.popleft().result()
            submit()
            yield from results
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
