"""SPARQL over files and stores: the named queries answer the users' questions on the
seeds, parameters narrow them safely, syntax errors say where, and SERVICE / FROM /
updates are refused without being fooled by those words elsewhere in a query."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kgbuild.errors import InvalidQuery
from kgbuild.query import bind_params, check_query, get_named, named_queries, run_query
from kgbuild.store import GraphStore

from conftest import SEEDS


@pytest.fixture(scope="module")
def seeds(nlp) -> GraphStore:
    """The seeds built into a store (one named graph per article, shared entities)."""
    from kgbuild.build import build

    store = GraphStore.memory()
    build([SEEDS], store=store)
    return store


def _rows(store: GraphStore, name: str, **params) -> list[dict]:
    result = run_query(store, bind_params(get_named(name), params))
    return [dict(zip(result.variables, row)) for row in result.rows]


def test_every_named_query_runs_and_gives_distinct_rows(seeds):
    for name, query in named_queries().items():
        assert query.description, name
        result = run_query(seeds, query.sparql)
        assert result.rows, f"{name} found nothing in the seeds"
        assert len({tuple(r) for r in result.rows}) == len(result.rows), f"{name} repeats rows"


def test_platforms_by_country(seeds):
    rows = _rows(seeds, "platforms-by-country")
    assert {"country": "Kazakhstan", "platform": "Telegram", "how": "operates in"} in rows
    assert {r["country"] for r in _rows(seeds, "platforms-by-country", country="kazakhstan")} == {"Kazakhstan"}
    assert _rows(seeds, "platforms-by-country", country="Atlantis") == []


def test_regulators_and_the_platforms_they_act_on(seeds):
    rows = _rows(seeds, "regulators-and-platforms", target="telegram")
    assert rows and all(r["target"] == "Telegram" and r["target_class"] == "Platform" for r in rows)
    assert any(r["jurisdiction"] == "Kazakhstan" and r["relation"] == "regulates" for r in rows)


def test_a_platforms_metrics_over_time(seeds):
    rows = _rows(seeds, "platform-metrics", platform="TELEGRAM")
    assert rows and {r["subject"] for r in rows} == {"Telegram"}
    assert any(r["value"] == "12500000" and r["location"] == "Kazakhstan" for r in rows)
    assert all(r["document"].endswith(".txt") for r in rows)  # each figure says which article gave it
    everyone = _rows(seeds, "platform-metrics")
    assert len({r["subject"] for r in everyone}) > 1


def test_the_evidence_for_a_fact(seeds):
    rows = _rows(seeds, "evidence", subject="pavel durov", relation="CEOOF", object="Telegram")
    assert rows
    for r in rows:
        assert (r["subject"], r["relation"], r["object"]) == ("Pavel Durov", "ceoOf", "Telegram")
        assert "Durov" in r["sentence"] and "\n" not in r["sentence"]
        assert 0 < float(r["confidence"]) <= 1 and r["rule"] and r["document"].endswith(".txt")


def test_a_store_and_a_file_of_the_same_graph_answer_alike(seeds, tmp_path):
    for fmt in ("ttl", "trig"):
        path = tmp_path / f"seeds.{fmt}"
        seeds.write(path)
        loaded = GraphStore.load(path)
        for name in ("entities", "platforms-by-country", "evidence"):
            assert sorted(run_query(loaded, get_named(name).sparql).rows) == \
                sorted(run_query(seeds, get_named(name).sparql).rows)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?p a kg:Platform }"
    assert run_query(seeds, count).rows == run_query(GraphStore.load(tmp_path / "seeds.trig"), count).rows


def test_a_parameter_value_cannot_change_the_query():
    store = GraphStore.memory()
    sneaky = 'x" } } SERVICE <http://127.0.0.1:9/sparql> { ?a ?b ?c } { { "'
    assert run_query(store, bind_params(get_named("platform-metrics"), {"platform": sneaky})).rows == []
    with pytest.raises(InvalidQuery, match="has no parameter nope; its parameters: measure, platform"):
        bind_params(get_named("platform-metrics"), {"nope": "1"})


@pytest.mark.parametrize("sparql, word, where", [
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "SERVICE", "line 1, column 18"),
    ("SELECT *\nFROM <file:///etc/passwd>\nWHERE { ?s ?p ?o }", "FROM", "line 2, column 1"),
    ("SELECT * FROM NAMED <http://e/g> WHERE { GRAPH ?g { ?s ?p ?o } }", "FROM", "line 1, column 10"),
    ("select * where { service silent ?endpoint { ?s ?p ?o } }", "SERVICE", "line 1, column 18"),
])
def test_service_and_from_are_refused_unless_allowed(sparql, word, where):
    with pytest.raises(InvalidQuery) as info:
        run_query(GraphStore.memory(), sparql)
    assert str(info.value).startswith(f"{word} at {where}: refused by default")
    assert "--allow-remote" in str(info.value)
    check_query(sparql, allow_remote=True)


@pytest.mark.parametrize("sparql", [
    'SELECT * WHERE { ?s ?p "SERVICE <http://x/> FROM <file:///etc/passwd>" }',
    "SELECT * WHERE { ?s ?p '''multi\nline FROM <x> SERVICE''' }",
    "SELECT * WHERE { ?s <http://example.org/SERVICE/FROM#LOAD> ?o }",
    "PREFIX from: <http://e/> PREFIX service: <http://f/> SELECT * WHERE { ?s from:service service:FROM }",
    "SELECT ?from ?service ?delete WHERE { ?from ?service ?delete }",
    "# FROM <file:///etc/passwd> SERVICE <http://x/>\nSELECT * WHERE { ?s ?p ?o }",
    'SELECT * WHERE { ?s ?p ?o FILTER(?o = "DROP"@en) }',
])
def test_those_words_elsewhere_are_not_keywords(sparql):
    check_query(sparql)
    run_query(GraphStore.memory(), sparql)


@pytest.mark.parametrize("sparql", ["INSERT DATA { <http://e/s> <http://e/p> 1 }", "DELETE WHERE { ?s ?p ?o }",
                                    "LOAD <file:///etc/passwd>", "CLEAR ALL", "DROP DEFAULT"])
def test_updates_are_refused(sparql):
    with pytest.raises(InvalidQuery, match="read-only queries"):
        run_query(GraphStore.memory(), sparql, allow_remote=True)


def test_syntax_errors_say_where_in_the_users_text():
    # kg: and rdfs: are declared for the user in front of the query; positions ignore those lines.
    sparql = "SELECT ?p WHERE {\n  ?p a kg:Platform ;\n     rdfs:label ?l .\n  FILTER(?l = ) }"
    with pytest.raises(InvalidQuery) as info:
        run_query(GraphStore.memory(), sparql)
    message = str(info.value)
    assert message.startswith("invalid SPARQL at line 4, column ") and "FILTER(?l = ) }" in message
    assert "\n" not in message
    with pytest.raises(InvalidQuery, match=r"unknown prefix ex: at line 1, column 21; declare it"):
        run_query(GraphStore.memory(), "SELECT * WHERE { ?s ex:p ?o }")


def test_ask_and_construct():
    store = GraphStore.memory()
    assert run_query(store, "ASK { ?s ?p ?o }").boolean is False
    assert run_query(store, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").rows == []


def test_query_command_over_a_store_with_parameters(tmp_path):
    path = tmp_path / "kg"
    doc = tmp_path / "a.txt"
    doc.write_text("Telegram has 12.5 million users in Kazakhstan. Telegram operates in Kazakhstan.\n")
    build = subprocess.run([sys.executable, "-m", "kgbuild", "build", "--store", str(path), str(doc), "-q"],
                           capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr
    run = subprocess.run([sys.executable, "-m", "kgbuild", "query", "--store", str(path), "--name",
                          "platforms-by-country", "--param", "platform=telegram", "--format", "csv"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0] == "country,platform,how" and "Kazakhstan,Telegram" in run.stdout
    bad = subprocess.run([sys.executable, "-m", "kgbuild", "query", "--store", str(path), "--name", "evidence",
                          "--param", "subject"], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and bad.stderr.startswith("kgbuild: error: --param 'subject': write NAME=VALUE")
