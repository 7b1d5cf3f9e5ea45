"""``--engine dask``: extraction on a real Dask LocalCluster (two worker processes)
gives the same graph as a local build; shards, skipped files, stores, errors."""

from __future__ import annotations

import logging
import subprocess
import sys
import warnings

import pytest

distributed = pytest.importorskip("distributed")

from kgbuild import distributed as kgdask  # noqa: E402
from kgbuild.articles import SkippedInput  # noqa: E402
from kgbuild.build import build  # noqa: E402
from kgbuild.store import GraphStore  # noqa: E402

from test_build import ARTICLES, write_articles  # noqa: E402

pytestmark = [pytest.mark.model, pytest.mark.slow]


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=logging.ERROR) as c:
        yield c


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_articles(tmp_path_factory.mktemp("dask") / "corpus")


@pytest.fixture(scope="module")
def local_turtle(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("local") / "local.ttl"
    build([corpus], output=out)
    return out.read_bytes()


def test_dask_build_is_the_local_build(cluster, corpus, local_turtle, tmp_path):
    out = tmp_path / "dask.ttl"
    summary = build([corpus], output=out, engine="dask", scheduler=cluster.scheduler_address)
    assert out.read_bytes() == local_turtle
    assert summary.engine == "dask" and summary.documents == len(ARTICLES) and not summary.skipped
    local = build([corpus], store=GraphStore.memory()).as_dict()
    for key in ("documents", "sentences", "words", "entities", "relations", "metrics", "triples"):
        assert summary.as_dict()[key] == local[key], key


def test_shards_are_written_to_the_shared_folder_and_kept(cluster, corpus, local_turtle, tmp_path):
    shards, out = tmp_path / "shards", tmp_path / "dask.ttl"
    build([corpus], output=out, engine="dask", scheduler=cluster.scheduler_address, shards=shards)
    files = sorted(shards.glob("*.nq"))
    assert len(files) == len(kgdask.partition(list(ARTICLES), workers=2))  # one shard per partition
    # The shards alone are a complete N-Quads export: their union is the graph.
    union = GraphStore.memory()
    for f in files:
        assert kgdask.load_shard(union, str(f)) >= 1
    union.write(tmp_path / "union.ttl")
    assert (tmp_path / "union.ttl").read_bytes() == local_turtle == out.read_bytes()


def test_rebuilding_into_a_store_replaces_each_document(cluster, corpus, tmp_path):
    store = tmp_path / "kg.db"
    first = build([corpus], store=store)
    graph = GraphStore.open(store)
    before = graph.triple_count()
    del graph
    # Same documents again, on Dask: each named graph is replaced, not added to.
    again = build([corpus], store=store, engine="dask", scheduler=cluster.scheduler_address)
    assert again.triples == before == first.triples


def test_unreadable_and_duplicate_inputs_are_skipped(cluster, corpus, tmp_path):
    extra = tmp_path / "extra"
    write_articles(extra, {"empty.txt": "   \n", "cnil.txt": ARTICLES["cnil.txt"]})
    summary = build([corpus, extra], store=GraphStore.memory(), engine="dask",
                    scheduler=cluster.scheduler_address)
    assert summary.documents == len(ARTICLES)
    assert len(summary.skipped) == 2
    assert any("empty.txt" in m for m in summary.skipped)
    assert any("same source name" in m for m in summary.skipped)


def test_partitions_cover_the_items_in_order():
    items = [(f"/x/{i}", str(i)) for i in range(1000)]
    parts = kgdask.partition(items, workers=2)
    assert [i for p in parts for i in p] == items
    assert max(len(p) for p in parts) <= kgdask.MAX_PARTITION and len(parts) >= 2 * kgdask.PARTITIONS_PER_WORKER
    assert kgdask.partition([], 2) == []
    assert [len(p) for p in kgdask.partition(items[:3], 4)] == [1, 1, 1]


def test_unique_inputs_warns_about_a_clashing_source_name(corpus, tmp_path):
    other = write_articles(tmp_path / "other", {"ofcom.txt": "Something else entirely."})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        items = list(kgdask.unique_inputs([corpus, other / "ofcom.txt", corpus / "ofcom.txt"]))
    assert len(items) == len(ARTICLES)
    skipped = [str(w.message) for w in caught if issubclass(w.category, SkippedInput)]
    assert len(skipped) == 1 and "ofcom.txt" in skipped[0]


def test_unreachable_scheduler_is_a_one_line_error(corpus, tmp_path):
    done = subprocess.run([sys.executable, "-c",
                           "import sys; from kgbuild import distributed as d; d.CONNECT_TIMEOUT = '2s';"
                           "from kgbuild.cli import main; sys.argv[0] = 'kgbuild'; main()",
                           "build", str(corpus), "-o", str(tmp_path / "g.ttl"), "--scheduler", "tcp://127.0.0.1:9"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.startswith("kgbuild: error: cannot reach a Dask scheduler at tcp://127.0.0.1:9")
    assert len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "g.ttl").exists()


def test_command_starts_its_own_local_cluster(corpus, local_turtle, tmp_path):
    out = tmp_path / "g.ttl"
    done = subprocess.run([sys.executable, "-m", "kgbuild", "build", str(corpus), "-o", str(out),
                           "--engine", "dask", "--jobs", "2", "--json"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == local_turtle
    assert '"engine": "dask"' in done.stdout
