"""The persistent store: articles accumulate, unchanged ones change nothing, changed ones
replace exactly their statements, a statement found in several articles counts once,
and two processes cannot write the same store.

Records are built by hand (``make_records``) so that what changes is exactly known;
one test runs the real build twice over the seeds.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib.compare import isomorphic

from kgbuild.errors import InputNotFound, StoreError
from kgbuild.records import DocumentRecords, Entity, Evidence, Metric, Sentence
from kgbuild.serialize import FORMATS
from kgbuild.store import GraphStore, open_graph

from conftest import ROOT, SEEDS

KG = "https://w3id.org/kgbuild/ontology#"
PREFIX = f"PREFIX kg: <{KG}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "


def make_records(name: str, platforms=("Telegram",), countries=("Kazakhstan",), regulator: str | None = None,
                 metric: tuple[str, int, str] | None = None, labels: dict[str, str] | None = None) -> DocumentRecords:
    """Records of one document: platforms operating in countries, maybe a regulator and a metric.

    ``labels`` maps an entity key to the label written for it (to put odd text in labels).
    """
    labels = labels or {}
    text = f"Article {name}: " + ", ".join([*platforms, *countries, *([regulator] if regulator else [])]) + "."
    rec = DocumentRecords(name, hashlib.sha256(text.encode("utf-8")).hexdigest())
    rec.sentences.append(Sentence(0, 0, len(text), text))

    def add(cls: str, key: str) -> Entity:
        start = max(0, text.find(key))
        ev = Evidence(start, start + len(key), 0, key, 0.9, "gazetteer")
        return rec.add_entity(Entity(cls, key, labels.get(key, key), set(), [ev]))

    ps = [add("Platform", p) for p in platforms]
    cs = [add("Country", c) for c in countries]
    for p in ps:
        for c in cs:
            rec.add_relation(p.id, "operatesIn", c.id, Evidence(0, len(text), 0, text, 0.8, "pattern"))
    if regulator:
        r = add("Regulator", regulator)
        for p in ps:
            rec.add_relation(r.id, "regulates", p.id, Evidence(0, len(text), 0, text, 0.75, "action"))
        if cs:
            rec.add_relation(r.id, "jurisdiction", cs[0].id, Evidence(0, len(text), 0, text, 0.85, "jurisdiction"))
    if metric:
        measure, value, date = metric
        rec.metrics.append(Metric(Decimal(value), "users", measure, ps[0].id, cs[0].id if cs else None, date,
                                  [Evidence(0, len(text), 0, str(value), 0.9, "metric")]))
    return rec


def _count(store: GraphStore, where: str) -> int:
    (row,) = store.query(PREFIX + f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
    return int(row["n"].value)


def _nquads(store: GraphStore) -> list[bytes]:
    return sorted(store.oxigraph.dump(format=ox.RdfFormat.N_QUADS).splitlines())


def test_a_statement_found_in_several_articles_counts_once():
    store = GraphStore.memory()
    store.add_many([make_records("a.txt"), make_records("b.txt"), make_records("c.txt", platforms=("TikTok",))])
    assert _count(store, "?p a kg:Platform") == 2  # Telegram (in a and b) and TikTok
    assert _count(store, "?p kg:operatesIn ?c") == 2
    (row,) = store.query(PREFIX + 'SELECT (COUNT(*) AS ?n) WHERE { ?p rdfs:label "Telegram" }')
    assert int(row["n"].value) == 1
    assert store.triple_count() == len(store.to_rdflib())
    assert len(store.graph_names()) == 3 and store.documents() == ["a.txt", "b.txt", "c.txt"]


def test_re_adding_an_unchanged_article_changes_nothing(tmp_path):
    with GraphStore.open(tmp_path / "kg") as store:
        assert store.add_document(make_records("a.txt", regulator="Roskomnadzor", metric=("users", 5, "2024")))
        assert store.add_document(make_records("b.txt", platforms=("Telegram", "TikTok")))
        before, graph = _nquads(store), store.to_rdflib()
        assert not store.add_document(make_records("a.txt", regulator="Roskomnadzor", metric=("users", 5, "2024")))
        assert not store.add_document(make_records("b.txt", platforms=("Telegram", "TikTok")))
        assert _nquads(store) == before
    with GraphStore.open(tmp_path / "kg") as again:  # and it persisted
        assert _nquads(again) == before
        assert isomorphic(again.to_rdflib(), graph)


def test_a_changed_article_replaces_exactly_its_statements(tmp_path):
    with GraphStore.open(tmp_path / "kg") as store:
        store.add_document(make_records("a.txt", platforms=("Telegram", "TikTok"), regulator="Roskomnadzor"))
        store.add_document(make_records("b.txt", platforms=("TikTok",), countries=("Turkey",)))
        assert _count(store, "?p a kg:Platform") == 2
        # a.txt is edited: TikTok and the regulator are gone from it, YouTube appears.
        assert store.add_document(make_records("a.txt", platforms=("Telegram", "YouTube")))
        labels = {r["l"].value for r in store.query(PREFIX + "SELECT ?l WHERE { ?p a kg:Platform ; rdfs:label ?l }")}
        assert labels == {"Telegram", "YouTube", "TikTok"}  # TikTok stays: b.txt still says it
        assert _count(store, "?r a kg:Regulator") == 0
        assert _count(store, "?r kg:regulates ?p") == 0
        operates = {(r["p"].value, r["c"].value) for r in store.query(
            PREFIX + "SELECT ?p ?c WHERE { ?x kg:operatesIn ?y . ?x rdfs:label ?p . ?y rdfs:label ?c }")}
        assert operates == {("Telegram", "Kazakhstan"), ("YouTube", "Kazakhstan"), ("TikTok", "Turkey")}
        # Same content as building the final versions from scratch, in both the union and the graphs.
        fresh = GraphStore.memory()
        fresh.add_many([make_records("a.txt", platforms=("Telegram", "YouTube")),
                        make_records("b.txt", platforms=("TikTok",), countries=("Turkey",))])
        assert _nquads(store) == _nquads(fresh)


def test_removing_a_document_keeps_what_others_say():
    store = GraphStore.memory()
    store.add_many([make_records("a.txt", platforms=("Telegram", "TikTok")), make_records("b.txt")])
    assert store.remove_document("a.txt") and not store.remove_document("a.txt")
    assert {r["l"].value for r in store.query(PREFIX + "SELECT ?l WHERE { ?p a kg:Platform ; rdfs:label ?l }")} \
        == {"Telegram"}
    fresh = GraphStore.memory()
    fresh.add_document(make_records("b.txt"))
    assert _nquads(store) == _nquads(fresh)


def test_documents_given_as_nquads_replace_their_earlier_versions():
    workers = GraphStore.memory()  # what a worker process makes and ships as N-Quads
    workers.add_many([make_records("a.txt", platforms=("YouTube",)), make_records("c.txt")])
    store = GraphStore.memory()
    store.add_many([make_records("a.txt", platforms=("Telegram", "TikTok")), make_records("b.txt")])
    assert store.load_documents(workers.serialize("nq")) == 2
    assert store.load_documents(workers.serialize("nq")) == 0  # unchanged the second time
    fresh = GraphStore.memory()
    fresh.add_many([make_records("a.txt", platforms=("YouTube",)), make_records("b.txt"), make_records("c.txt")])
    assert _nquads(store) == _nquads(fresh)


def test_an_in_memory_store_reads_the_same_union_as_an_on_disk_one_whatever_the_order(tmp_path):
    # In memory the union takes new documents in before the next query (exports and
    # counts work it out without it); on disk each change keeps it in step at once.
    # Every read, and every change, must see the same.
    memory, disk = GraphStore.memory(), GraphStore.open(tmp_path / "kg")
    steps = [
        ("add", make_records("a.txt", platforms=("Telegram", "TikTok"), regulator="Roskomnadzor")),
        ("add", make_records("b.txt", platforms=("TikTok",), countries=("Turkey",))),
        ("read", None),
        ("add", make_records("c.txt", metric=("users", 5, "2024"))),
        ("add", make_records("a.txt", platforms=("YouTube",))),  # a.txt changes before any read
        ("remove", "b.txt"),
        ("add", make_records("d.txt", platforms=("TikTok",))),
        ("read", None),
    ]
    with disk:
        for op, arg in steps:
            if op == "add":
                assert memory.add_document(arg) == disk.add_document(arg)
            elif op == "remove":
                assert memory.remove_document(arg) == disk.remove_document(arg)
            else:
                exports = {fmt: memory.serialize(fmt) for fmt in FORMATS}  # new documents not in the union yet
                assert exports == {fmt: disk.serialize(fmt) for fmt in FORMATS}
                assert memory.triple_count() == disk.triple_count()
                assert memory.documents() == disk.documents()  # a query: the union takes them in
                assert {fmt: memory.serialize(fmt) for fmt in FORMATS} == exports
                assert memory.quad_count() == disk.quad_count()
                assert _nquads(memory) == _nquads(disk)  # the default graph holds the union in both


def test_the_triple_count_an_export_found_is_forgotten_on_any_change():
    store = GraphStore.memory()
    store.add_document(make_records("a.txt"))
    store.serialize("turtle")  # counts the triples as it writes them
    assert store.triple_count() == len(store.to_rdflib())
    store.add_document(make_records("b.txt", platforms=("TikTok",)))
    assert store.triple_count() == len(store.to_rdflib())
    store.serialize("nt")
    store.remove_document("b.txt")
    assert store.triple_count() == len(store.to_rdflib())
    store.serialize("turtle")
    store.oxigraph.add(ox.Quad(ox.NamedNode("http://e/x"), ox.NamedNode("http://e/p"), ox.Literal("new"),
                               ox.NamedNode("http://e/g")))
    assert store.triple_count() == len(store.to_rdflib())


def test_exports_of_a_loaded_dataset_with_new_documents_keep_its_own_default_graph(tmp_path):
    trig = tmp_path / "in.trig"
    trig.write_text('<http://e/own> <http://e/p> "default" .\n'
                    '<http://e/g1> { <http://e/s> <http://e/p> "shared" . }\n')
    store = GraphStore.load(trig)
    store.query("ASK { ?s ?p ?o }")  # the union of the file's graphs in the default graph, beside its own
    store.add_document(make_records("a.txt"))
    exports = {fmt: store.serialize(fmt) for fmt in FORMATS}  # a.txt is not in the union yet
    count = store.triple_count()
    store.query("ASK { ?s ?p ?o }")  # now it is
    assert {fmt: store.serialize(fmt) for fmt in FORMATS} == exports and store.triple_count() == count
    assert b'<http://e/own> <http://e/p> "default" .' in exports["nq"]  # in the default graph, once


def test_changes_made_directly_on_the_oxigraph_store_reach_the_queries():
    store = GraphStore.memory()
    store.add_document(make_records("a.txt"))
    g = ox.NamedNode("https://example.org/graph/extra")
    store.oxigraph.add(ox.Quad(ox.NamedNode("https://example.org/x"), ox.NamedNode(f"{KG}operatesIn"),
                               ox.NamedNode("https://example.org/y"), g))
    assert _count(store, "?p kg:operatesIn ?c") == 2


def test_a_dataset_file_with_a_default_graph_of_its_own_keeps_it(tmp_path):
    trig = tmp_path / "in.trig"
    trig.write_text('<http://e/own> <http://e/p> "default" .\n'
                    '<http://e/g1> { <http://e/s> <http://e/p> "shared" . }\n'
                    '<http://e/g2> { <http://e/s> <http://e/p> "shared" . <http://e/t> <http://e/p> "2" . }\n')
    store = GraphStore.load(trig)
    assert store.triple_count() == 3
    out = tmp_path / "out.trig"
    store.write(out)
    back = ox.Dataset(ox.parse(path=str(out)))
    assert len(back) == 4  # nothing lost, nothing added: 1 default + 1 + 2 in the named graphs


def test_two_processes_cannot_write_one_store(tmp_path):
    path = tmp_path / "kg"
    with GraphStore.open(path) as store:
        store.add_document(make_records("a.txt"))
        store.flush()
        code = textwrap.dedent(f"""
            from kgbuild.errors import StoreError
            from kgbuild.store import GraphStore
            try:
                GraphStore.open({str(path)!r})
            except StoreError as exc:
                print(exc)
        """)
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.strip() == (f"{path}: the store is in use by another process (kgbuild build, or oxigraph "
                                       "serve); wait for it to finish, or query a copy")
        # The command line says it on one line with exit code 2 and writes nothing.
        doc = tmp_path / "new.txt"
        doc.write_text("Telegram operates in Kazakhstan.")
        cli = subprocess.run([sys.executable, "-m", "kgbuild", "build", "--store", str(path), str(doc), "-q"],
                             capture_output=True, text=True, timeout=300)
        assert cli.returncode == 2 and cli.stderr.count("\n") == 1
        assert "is in use by another process" in cli.stderr and "Traceback" not in cli.stderr
        # Readers are not writers: querying the store while it is open for writing works.
        query = subprocess.run([sys.executable, "-m", "kgbuild", "query", "--store", str(path),
                                f"{PREFIX} SELECT ?l WHERE {{ ?p a kg:Platform ; rdfs:label ?l }}", "--format", "csv"],
                               capture_output=True, text=True, timeout=120)
        assert query.returncode == 0, query.stderr
        assert query.stdout.split() == ["l", "Telegram"]


def test_what_is_not_a_store_is_refused_clearly(tmp_path):
    a_file = tmp_path / "graph.ttl"
    a_file.write_text("")
    with pytest.raises(StoreError, match="is a file, not a store directory"):
        GraphStore.open(a_file)
    other = tmp_path / "photos"
    other.mkdir()
    (other / "cat.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(StoreError, match="holds other files, not a store"):
        GraphStore.open(other)
    assert sorted(p.name for p in other.iterdir()) == ["cat.jpg"]  # nothing was written into it
    with pytest.raises(InputNotFound, match="no such store"):
        open_graph(store=tmp_path / "missing")
    with pytest.raises(StoreError, match="not a kgbuild store"):
        open_graph(store=other)


def test_a_store_made_by_oxigraph_itself_is_queried_as_one_graph(tmp_path):
    data = tmp_path / "d.nq"
    data.write_text(f'<http://e/s> <{KG}operatesIn> <http://e/c> <http://e/g1> .\n'
                    f'<http://e/s> <{KG}operatesIn> <http://e/c> <http://e/g2> .\n')
    raw = ox.Store(str(tmp_path / "kg"))
    raw.load(path=str(data), format=ox.RdfFormat.N_QUADS)
    del raw
    with GraphStore.open(tmp_path / "kg", read_only=True) as store:  # read-only: no union kept, one computed
        assert store.triple_count() == len(store.to_rdflib()) == 1
        assert store.serialize("nt").count(b"\n") == 1
    with GraphStore.open(tmp_path / "kg") as store:
        assert _count(store, "?s kg:operatesIn ?c") == 1


_REPLACER = """
import sys
sys.path.insert(0, {tests!r})
from test_store import make_records
from kgbuild.store import GraphStore
store = GraphStore.open({path!r})
versions = [make_records("a.txt", platforms=("Telegram", "TikTok"), regulator="Roskomnadzor"),
            make_records("a.txt", platforms=("YouTube",), countries=("Turkey", "Brazil"), metric=("users", 7, "2023"))]
store.add_document(versions[0])
store.flush()
print("ready", flush=True)
n = 0
while True:
    n += 1
    store.add_document(versions[n % 2])
"""


@pytest.mark.slow
def test_a_killed_writer_leaves_one_version_or_the_other(tmp_path):
    path = tmp_path / "kg"
    versions = []
    for rec in (make_records("a.txt", platforms=("Telegram", "TikTok"), regulator="Roskomnadzor"),
                make_records("a.txt", platforms=("YouTube",), countries=("Turkey", "Brazil"),
                             metric=("users", 7, "2023"))):
        fresh = GraphStore.memory()
        fresh.add_document(rec)
        versions.append(_nquads(fresh))
    for delay in (0.3, 0.7, 1.1):
        proc = subprocess.Popen([sys.executable, "-c", _REPLACER.format(tests=str(ROOT / "tests"), path=str(path))],
                                stdout=subprocess.PIPE, text=True)
        try:
            assert proc.stdout.readline().strip() == "ready"
            time.sleep(delay)
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
        with GraphStore.open(path) as store:
            assert _nquads(store) in versions, "a crash mid-replacement left a mix of two versions"


@pytest.mark.model
def test_building_the_seeds_twice_into_a_store_changes_nothing(tmp_path):
    path = tmp_path / "kg"
    for _ in range(2):
        proc = subprocess.run([sys.executable, "-m", "kgbuild", "build", "--store", str(path), str(SEEDS), "-q",
                               "--json"], capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, proc.stderr
        with GraphStore.open(path, read_only=True) as store:
            snapshot = (_nquads(store), store.triple_count())
        if _ == 0:
            first = snapshot
    assert snapshot == first
    assert len(first[0]) > first[1] > 500  # named graphs hold more quads than the union has triples


@pytest.mark.slow
def test_the_store_benchmark_runs_at_a_tiny_size(tmp_path):
    # The benchmark itself (1,000,000 triples) is run by hand; this only checks that it works.
    script = ROOT / "benchmarks" / "bench_store.py"
    proc = subprocess.run([sys.executable, str(script), "--triples", "3000", "--json", str(tmp_path / "r.json")],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert any(line.startswith("| load (s) |") for line in lines)
    results = json.loads((tmp_path / "r.json").read_text())["results"]
    counts = {b: r["triples"] for b, r in results.items()}
    assert len(set(counts.values())) == 1 and min(counts.values()) > 2000  # every backend loaded the same graph
    assert all(r["query: evidence for a fact (rows)"] for r in results.values())
