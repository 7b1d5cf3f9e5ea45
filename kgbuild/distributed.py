"""``--engine dask``: the extraction on a Dask distributed cluster.

The client lists the input files (paths, not texts) and cuts the list into
partitions.  Each partition is one Dask task: a worker reads its files, runs the
pipeline, and writes the documents' quads as one N-Quads shard.  The client loads
the shards into the store as they complete.  IRIs are deterministic and each
document has its own named graph, so the union of the shards is exactly the
graph a local build of the same inputs gives, in whatever order they arrive.

Where shards go:

* ``shards=DIR``: the workers write ``DIR/<run>-part-NNNNN.nq`` and the client
  reads them from there, so ``DIR`` must be a folder every worker and the client
  can reach (a shared file system on a real cluster).  The shards are kept: they
  are a complete N-Quads export, loadable into any other triple store.
* otherwise, on a local cluster, a temporary folder (removed afterwards); on a
  remote ``scheduler``, the shards travel back to the client through Dask.

The input files must be readable by the workers at the same paths (on a real
cluster: a shared file system).  Standard input (``-``) is read by the client
and sent with its partition.  Run workers with one thread each
(``dask worker ADDRESS --nthreads 1``): the pipeline is CPU-bound Python, so
threads add nothing but contention.
"""

from __future__ import annotations

import logging
import math
import os
import shutil
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path


from .articles import Article, article_from_bytes, read_article, read_stdin, skip, unique_paths
from .build import DEFAULT_BATCH_SIZE, BuildSummary, pipe_records
from .errors import KgbuildError, UnreadableInput
from .fileio import atomic_output
from .graph import document_nquads
from .pipeline import DEFAULT_MODEL, load_nlp
from .store import GraphStore

#: Most documents in one partition; fewer when that leaves workers idle.
MAX_PARTITION = 200
#: Partitions per worker at least, so fast workers take over from slow ones.
PARTITIONS_PER_WORKER = 4
#: How long to wait for a ``--scheduler`` to answer.
CONNECT_TIMEOUT = "15s"

# A Dask worker may run several tasks in threads; one pipeline per process is
# shared, and spaCy pipelines are not documented as thread-safe.
_PIPELINE_LOCK = threading.Lock()

#: A partition item: (absolute path, source name) of a file, or an Article read from stdin.
Item = tuple[str, str] | Article


class DaskNotInstalled(KgbuildError):
    """``--engine dask`` without Dask installed."""


class SchedulerUnreachable(KgbuildError):
    """No Dask scheduler answers at the address given."""


def unique_inputs(inputs: Iterable[str | os.PathLike], strict: bool = False) -> Iterator[Item]:
    """The partition items for ``inputs``: each file once (see :func:`~kgbuild.articles.unique_paths`), stdin read here."""
    for path, name in unique_paths(inputs, strict):
        if path is not None:
            yield str(path.resolve()), name
            continue
        try:
            yield article_from_bytes(read_stdin(), name, where="stdin")
        except UnreadableInput as exc:
            skip(exc, strict)


def partition(items: list[Item], workers: int) -> list[list[Item]]:
    """Cut ``items`` into consecutive partitions: at least ``PARTITIONS_PER_WORKER`` per worker, at most ``MAX_PARTITION`` items each."""
    if not items:
        return []
    size = max(1, min(MAX_PARTITION, math.ceil(len(items) / (max(1, workers) * PARTITIONS_PER_WORKER))))
    return [items[i:i + size] for i in range(0, len(items), size)]


def extract_partition(items: list[Item], shard: str | None, model: str = DEFAULT_MODEL,
                      batch_size: int = DEFAULT_BATCH_SIZE, strict: bool = False) -> tuple[BuildSummary, bytes | None]:
    """The Dask task: read ``items``, extract, and write their quads as N-Quads.

    Writes the shard to the path ``shard`` (atomically) and returns
    ``(summary, None)``; with ``shard=None`` returns the N-Quads
    bytes instead of ``None``.  Unreadable files are counted in
    ``summary.skipped`` (raised with ``strict``).
    """
    summary = BuildSummary()

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, Article):
                yield item
                continue
            path, name = item
            try:
                yield read_article(Path(path), name)
            except UnreadableInput as exc:
                if strict:
                    raise
                summary.skipped.append(str(exc))

    def nquads() -> Iterator[bytes]:
        for rec, words in pipe_records(load_nlp(model), articles(), batch_size=batch_size):
            summary.add(rec, words)
            yield document_nquads(rec)

    with _PIPELINE_LOCK:
        if shard is None:
            return summary, b"".join(nquads())
        with atomic_output(shard) as fh:
            for data in nquads():
                fh.write(data)
    return summary, None


def load_shard(graph: GraphStore, shard: str | None = None, data: bytes | None = None) -> int:
    """Load one N-Quads shard (a file, or its bytes) into ``graph``; return how many documents changed.

    Each document's named graph replaces its earlier version, as with a local build.
    """
    if shard is not None:
        data = Path(shard).read_bytes()
    return graph.load_documents(data) if data else 0


def _client(scheduler: str | None, workers: int):
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise DaskNotInstalled("--engine dask needs Dask; install it with `pip install 'kgbuild[dask]'`") from None
    if scheduler:
        try:
            return Client(scheduler, timeout=CONNECT_TIMEOUT), None
        except (OSError, TimeoutError) as exc:
            raise SchedulerUnreachable(
                f"cannot reach a Dask scheduler at {scheduler} ({exc}); start one with `dask scheduler` "
                "(and workers with `dask worker ADDRESS --nthreads 1`), or drop --scheduler to use a local cluster"
            ) from None
    cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=logging.ERROR)
    return Client(cluster), cluster


def build_on_dask(graph: GraphStore, inputs: Iterable[str | os.PathLike], summary: BuildSummary,
                  model: str = DEFAULT_MODEL, strict: bool = False, batch_size: int = DEFAULT_BATCH_SIZE,
                  workers: int = 1, scheduler: str | None = None, shards: str | os.PathLike | None = None,
                  progress: Callable[[int], None] | None = None) -> None:
    """Extract ``inputs`` on a Dask cluster into ``graph``, counting into ``summary``.

    Connects to ``scheduler`` (``host:port``), or starts a local cluster of
    ``workers`` processes.  See the module docstring for where shards go.
    ``progress(done)`` is called with the number of documents done (extracted
    or skipped) each time a partition has been loaded.
    """
    items = list(unique_inputs(inputs, strict=strict))
    run = uuid.uuid4().hex[:8]
    temporary = None
    if shards is not None:
        shard_dir = Path(shards).resolve()
        shard_dir.mkdir(parents=True, exist_ok=True)
    elif scheduler is None:
        shard_dir = temporary = Path(tempfile.mkdtemp(prefix="kgbuild-shards-"))
    else:
        shard_dir = None
    client, cluster = _client(scheduler, workers)
    skipped: dict[int, list[str]] = {}
    done = 0
    try:
        from distributed import as_completed

        # Enough partitions to keep every worker of the cluster busy to the end.
        parts = partition(items, len(client.scheduler_info().get("workers", ())) or workers)
        futures = {}
        for i, part in enumerate(parts):
            shard = str(shard_dir / f"{run}-part-{i:05d}.nq") if shard_dir is not None else None
            fut = client.submit(extract_partition, part, shard, model, batch_size, strict,
                                key=f"kgbuild-{run}-{i}", pure=False)
            futures[fut] = (i, shard)
        for fut in as_completed(futures):
            part_summary, data = fut.result()
            i, shard = futures.pop(fut)
            load_shard(graph, shard, data)
            skipped[i] = part_summary.skipped
            part_summary.skipped = []
            summary.merge(part_summary)
            done += part_summary.documents + len(skipped[i])
            if progress is not None:
                progress(done)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
    for i in sorted(skipped):
        summary.skipped.extend(skipped[i])
