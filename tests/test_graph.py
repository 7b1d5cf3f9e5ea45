"""Records → RDF: the mapping onto the ontology and the provenance model, checked
against a golden graph with rdflib's isomorphism test."""

from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import given, settings
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kgbuild.errors import valid_unicode
from kgbuild.graph import document_nquads, document_quads, document_statements, text_literal
from kgbuild.iris import entity_iri
from kgbuild.ontology import validate
from kgbuild.records import DocumentRecords, Entity, Evidence, Metric, Sentence
from kgbuild.store import GraphStore

from strategies import any_text

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


# --- statements as text -------------------------------------------------------
# The store and the streamed N-Quads output take the statements as N-Triples text
# (kgbuild.graph spells the terms); these pin that text to what Oxigraph itself
# writes, so outputs stay byte-identical to serialising pyoxigraph terms.

def test_literals_are_spelt_as_oxigraph_writes_them_for_any_code_point():
    s, p = ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p")
    # Every code point of the BMP (surrogates aside), and the first and last few of each other plane.
    astral = [cp for plane in range(1, 17) for cp in (*range(plane << 16, (plane << 16) + 256),
                                                      *range((plane << 16) + 0xFFF0, (plane + 1) << 16))]
    chars = [chr(cp) for cp in (*range(0x10000), *astral) if not 0xD800 <= cp <= 0xDFFF]
    written = ox.serialize([ox.Triple(s, p, ox.Literal(f"a{c}b")) for c in chars],
                           format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    expected = "".join(f"<http://example.org/s> <http://example.org/p> {text_literal(f'a{c}b')} .\n" for c in chars)
    assert written == expected


@given(any_text(200))
@settings(max_examples=200)
def test_any_text_literal_parses_back_to_its_text(text):
    text = valid_unicode(text)  # what kgbuild makes of text before it becomes a literal
    (triple,) = ox.parse(f"<http://example.org/s> <http://example.org/p> {text_literal(text)} .\n",
                         format=ox.RdfFormat.N_TRIPLES)
    assert triple.object == ox.Literal(text)


def _nasty_records() -> DocumentRecords:
    rec = hand_built_records()
    nasty = 'say "hi"\\ \t\n\r\x00\x1f\x7f\ufffe\uffff é 👨‍👩‍👧'
    rec.sentences.append(Sentence(1, 80, 90, nasty))
    rec.add_entity(Entity("Person", nasty, nasty, {nasty + "!"}, [Evidence(80, 90, 1, nasty, 0.5, nasty)]))
    rec.add_entity(Entity("Person", nasty, nasty, set(), [Evidence(80, 90, 1, nasty, 0.5, nasty)]))  # repeated
    rec.metrics.append(Metric(Decimal("1.50"), nasty, nasty, rec.entities[next(iter(rec.entities))].id,
                              date="2024-Q3", evidence=[Evidence(80, 90, -1, nasty, 0.0, "r")]))
    return rec


def test_document_nquads_are_the_bytes_pyoxigraph_writes_for_its_quads():
    rec = _nasty_records()
    quads = list(document_quads(rec))
    assert len(quads) == len(set(quads))  # each statement once
    assert document_nquads(rec) == ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    graph, statements = document_statements(rec)
    assert {q.graph_name.value for q in quads} == {graph}
    texts = {q.object.value for q in quads if isinstance(q.object, ox.Literal)}
    assert 'say "hi"\\ \t\n\r\x00\x1f\x7f\ufffe\uffff é 👨‍👩‍👧' in texts


def test_a_bad_iri_in_the_records_fails_before_the_store():
    rec = hand_built_records()
    rec.add_relation("not an iri", "ceoOf", next(iter(rec.entities)), Evidence(0, 1, 0, "A", 0.5, "r"))
    with pytest.raises(ValueError):
        document_statements(rec)
    store = GraphStore.memory()
    with pytest.raises(ValueError):
        store.add_document(rec)
    assert store.graph_names() == []
