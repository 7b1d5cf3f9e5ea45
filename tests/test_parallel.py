"""``--jobs N``: the pipeline in worker processes gives the same records, in order,
streams with bounded memory, and reports worker errors like the main process would."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kgbuild.articles import read_articles
from kgbuild.build import build, extract_records, resolve_jobs
from kgbuild.errors import ModelNotInstalled
from kgbuild.parallel import IN_FLIGHT_PER_JOB, parallel_records
from kgbuild.store import GraphStore

from test_build import ARTICLES, tracked_articles, write_articles

pytestmark = [pytest.mark.model, pytest.mark.slow]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_articles(tmp_path_factory.mktemp("parallel") / "corpus")


def test_two_jobs_give_byte_identical_turtle(corpus, tmp_path):
    one, two = tmp_path / "one.ttl", tmp_path / "two.ttl"
    s1 = build([corpus], output=one)
    # batch_size=1 so that both workers get documents
    s2 = build([corpus], output=two, jobs=2, batch_size=1)
    assert one.read_bytes() == two.read_bytes()
    assert s2.jobs == 2
    d1, d2 = s1.as_dict(), s2.as_dict()
    for key in ("documents", "sentences", "words", "entities", "relations", "metrics", "triples"):
        assert d1[key] == d2[key], key


def test_streamed_nquads_are_the_same_bytes_with_two_jobs(corpus, tmp_path):
    one, two = tmp_path / "one.nq", tmp_path / "two.nq"
    build([corpus], output=one)
    build([corpus], output=two, jobs=2, batch_size=1)
    assert one.read_bytes() == two.read_bytes() != b""


def test_records_come_back_in_input_order_and_equal(corpus):
    serial = list(extract_records(read_articles([corpus])))
    parallel = [rec for rec, _ in parallel_records(read_articles([corpus]), batch_size=1, jobs=2)]
    assert [r.source_name for r in parallel] == [r.source_name for r in serial]
    assert sorted(r.source_name for r in serial) == sorted(ARTICLES)
    assert parallel == serial  # plain dataclasses: equal field by field


def test_input_is_pulled_lazily_with_bounded_batches_in_flight(tmp_path):
    many = write_articles(tmp_path / "many", {f"a{i:02d}.txt": ARTICLES["telegram.txt"] for i in range(20)})
    pulled = []
    stream = parallel_records(tracked_articles(many, pulled), batch_size=1, jobs=2)
    first, _ = next(stream)
    assert first.source_name == "a00.txt"
    # The window of batches in flight, plus the one submitted after the first result.
    assert len(pulled) <= 2 * IN_FLIGHT_PER_JOB + 1 < 20
    assert [rec.source_name for rec, _ in stream] == [f"a{i:02d}.txt" for i in range(1, 20)]


def test_worker_errors_reach_the_caller(corpus):
    with pytest.raises(ModelNotInstalled, match="not-a-model"):
        list(parallel_records(read_articles([corpus]), model="not-a-model", jobs=2))


def test_jobs_zero_means_one_per_core():
    assert resolve_jobs(0) >= 1 and resolve_jobs(3) == 3
    with pytest.raises(ValueError):
        resolve_jobs(-1)


def test_command_with_jobs_matches_one_job(corpus, tmp_path):
    one, two = tmp_path / "one.ttl", tmp_path / "two.ttl"
    for out, jobs in ((one, "1"), (two, "2")):
        done = subprocess.run([sys.executable, "-m", "kgbuild", "build", str(corpus), "-o", str(out),
                               "--jobs", jobs, "--batch-size", "1"], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert done.stderr == ""
    assert one.read_bytes() == two.read_bytes()


def test_parallel_build_into_a_store(corpus, tmp_path):
    graph = GraphStore.memory()
    summary = build([corpus], store=graph, jobs=2, batch_size=2)
    assert summary.documents == len(ARTICLES) and summary.triples == graph.triple_count() > 0
