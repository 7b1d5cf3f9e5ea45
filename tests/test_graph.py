"""Records → RDF: the mapping onto the ontology and the provenance model, checked
against a golden graph with rdflib's isomorphism test."""

from decimal import Decimal
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kgbuild.iris import entity_iri
from kgbuild.ontology import validate
from kgbuild.records import DocumentRecords, Entity, Evidence, Metric, Sentence
from kgbuild.store import GraphStore

GOLDEN = Path(__file__).parent / "data" / "golden_records.ttl"


def hand_built_records() -> DocumentRecords:
    """One short made-up article's records, built without the model."""
    text = "Acme Chat CEO Dana Reyes said Acme Chat has 3 million users in Peru."
    rec = DocumentRecords("example/acme.txt", "0" * 64)
    rec.sentences.append(Sentence(0, 0, len(text), text))
    platform = Entity("Platform", "Acme Chat", "Acme Chat", set(), [Evidence(0, 9, 0, "Acme Chat", 0.95, "gazetteer")])
    person = Entity("Person", "Dana Reyes", "Dana Reyes", {"Reyes"}, [Evidence(14, 24, 0, "Dana Reyes", 0.7, "ner")])
    peru = Entity("Country", "Peru", "Peru", set(), [Evidence(66, 70, 0, "Peru", 0.95, "gazetteer")])
    for e in (platform, person, peru):
        rec.add_entity(e)
    rec.add_relation(person.id, "ceoOf", platform.id, Evidence(0, len(text), 0, text, 0.85, "title"))
    rec.add_relation(platform.id, "operatesIn", peru.id, Evidence(0, len(text), 0, text, 0.7, "usage"))
    rec.metrics.append(Metric(Decimal("3000000"), "users", "users", platform.id, peru.id, "2024-05",
                              [Evidence(0, len(text), 0, text, 0.8, "count")]))
    return rec


def build_graph() -> rdflib.Graph:
    store = GraphStore.memory()
    store.add_document(hand_built_records())
    return store.to_rdflib()


def test_records_map_to_the_golden_graph():
    graph = build_graph()
    golden = rdflib.Graph().parse(GOLDEN, format="turtle")
    if not isomorphic(graph, golden):
        _, only_built, only_golden = graph_diff(to_isomorphic(graph), to_isomorphic(golden))
        pytest.fail(f"graph differs from {GOLDEN.name}:\nonly built:\n{only_built.serialize(format='nt')}\n"
                    f"only golden:\n{only_golden.serialize(format='nt')}")


def test_graph_conforms_to_the_shapes():
    result = validate(build_graph())
    assert result.conforms, result.text


def test_provenance_is_reachable_by_sparql():
    store = GraphStore.memory()
    store.add_document(hand_built_records())
    rows = list(store.query("""
        PREFIX kg: <https://w3id.org/kgbuild/ontology#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT ?doc ?text ?start ?conf WHERE {
          ?st rdf:predicate kg:ceoOf ; kg:evidence ?ev .
          ?ev kg:inDocument/kg:sourceName ?doc ; kg:inSentence/kg:text ?text ;
              kg:startChar ?start ; kg:confidence ?conf .
        }"""))
    assert len(rows) == 1
    assert rows[0]["doc"].value == "example/acme.txt"
    assert rows[0]["text"].value.startswith("Acme Chat CEO Dana Reyes")
    assert rows[0]["start"].value == "0" and rows[0]["conf"].value == "0.85"


def test_same_entity_gets_the_same_iri_across_documents():
    a, b = hand_built_records(), hand_built_records()
    b.source_name = "other.txt"
    store = GraphStore.memory()
    store.add_many([a, b])
    platform = str(entity_iri("Platform", "Acme Chat"))
    rows = list(store.query(f"SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ <{platform}> ?p ?o }} }}"))
    assert rows[0]["n"].value == "2"  # one node, described in both documents' graphs
    labels = list(store.query(f"SELECT ?l WHERE {{ <{platform}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }}"))
    assert len(labels) == 1
