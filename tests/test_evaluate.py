"""The scorer follows shared/gold/README.md: label normalisation, offices by their
links, duplicates, optional items, implied regulates, metric tolerance."""

import json

import pytest
import rdflib
from rdflib import RDF, RDFS, Literal, URIRef
from click.testing import CliRunner

from kgbuild.cli import main
from kgbuild.errors import GoldFileError
from kgbuild.evaluate import load_gold, score
from kgbuild.vocab import KG, KGR, XSD


def node(graph, cls, key, *labels):
    n = KGR[f"{cls.lower()}/{key}"]
    graph.add((n, RDF.type, KG[cls]))
    for label in labels:
        graph.add((n, RDFS.label, Literal(label)))
    return n


@pytest.fixture
def graph():
    g = rdflib.Graph()
    acme = node(g, "Platform", "acme", "Acme")
    node(g, "Platform", "acme2", "ACME")                       # duplicate of acme
    reg = node(g, "Regulator", "ftc", "the Federal Trade Commission's")  # normalised: "federal trade commission"
    country = node(g, "Country", "peru", "Peru")
    office = node(g, "Office", "acme-peru", "Acme office in Peru")
    node(g, "Person", "nobody", "Nobody Here")                  # not in the key
    g.add((acme, KG.hasOffice, office))
    g.add((office, KG.locatedIn, country))
    g.add((reg, KG.enforcesAgainst, acme))                      # implies regulates
    g.add((reg, KG.jurisdiction, country))                      # not in the key: wrong
    m = KGR["metric/1"]
    g.add((m, RDF.type, KG.Metric))
    g.add((m, KG.value, Literal("1004000", datatype=XSD.decimal)))   # within 0.5 % of 1,000,000
    g.add((m, KG.unit, Literal("users")))
    g.add((m, KG.subject, acme))
    g.add((m, RDF.subject, reg))                                # rdf:subject must not be taken for kg:subject
    return g


@pytest.fixture
def gold():
    return {
        "documents": [],
        "entities": [
            {"id": "acme", "type": "Platform", "label": "Acme", "aliases": []},
            {"id": "ftc", "type": "Regulator", "label": "Federal Trade Commission", "aliases": ["FTC"]},
            {"id": "peru", "type": "Country", "label": "Peru", "aliases": []},
            {"id": "office", "type": "Office", "platform": "acme", "country": "peru"},
            {"id": "missing", "type": "Person", "label": "Ann Example", "aliases": []},
            {"id": "opt", "type": "Organization", "label": "Optional Org", "optional": True},
        ],
        "relations": [
            {"s": "acme", "p": "hasOffice", "o": "office"},
            {"s": "office", "p": "locatedIn", "o": "peru"},
            {"s": "ftc", "p": "regulates", "o": "acme"},
            {"s": "ftc", "p": "headOf", "o": "acme", "optional": True},
        ],
        "metrics": [
            {"subject": "acme", "value": 1000000, "unit": "users"},
            {"subject": "acme", "value": 5, "unit": "percent"},
        ],
    }


def test_entities(graph, gold):
    r = score(graph, gold)
    assert (r.entities.tp, r.entities.fn) == (4, 1)        # acme, ftc, peru, office; Ann missed
    assert r.duplicates == 1
    assert r.entities.fp == 2                               # the duplicate and "Nobody Here"


def test_relations_with_implied_regulates(graph, gold):
    r = score(graph, gold)
    assert r.relations.tp == 3                              # the implied regulates counts
    # not in the key: the jurisdiction, and enforcesAgainst itself (the key says only regulates)
    assert r.relations.fp == 2
    assert r.relations.fn == 0


def test_metrics_tolerance_and_attributes(graph, gold):
    r = score(graph, gold)
    assert (r.metrics.tp, r.metrics.fp, r.metrics.fn) == (1, 0, 1)
    assert r.metric_unit_correct == 1


def test_wrong_items_carry_evidence_fields(graph, gold):
    r = score(graph, gold)
    wrong = {tuple(w.get("labels", [])) for w in r.wrong if w["kind"] == "entity"}
    assert ("Nobody Here",) in wrong


@pytest.mark.parametrize("content, message", [
    ("{not json", "not valid JSON"),
    ('{"entities": [{"id": "a", "type": "Planet", "label": "x"}]}', "type"),
    ('{"entities": [], "relations": [{"s": "a", "p": "likes", "o": "b"}]}', "relation #0"),
    ('{"entities": [], "metrics": [{"subject": "a", "value": "lots"}]}', "non-numeric"),
])
def test_malformed_gold_files_are_refused(tmp_path, content, message):
    p = tmp_path / "gold.json"
    p.write_text(content)
    with pytest.raises(GoldFileError, match=message):
        load_gold(p)


def test_evaluate_command_json(tmp_path, graph, gold):
    g = tmp_path / "g.ttl"
    graph.serialize(g, format="turtle")
    k = tmp_path / "k.json"
    k.write_text(json.dumps(gold))
    result = CliRunner().invoke(main, ["evaluate", str(g), str(k), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["entities"]["tp"] == 4 and data["duplicates"] == 1


def test_a_node_matching_two_gold_entities_takes_the_one_its_label_names():
    # "Peruvian authorities" folded into the named ministry as an alternative label: the node is
    # the ministry, whatever order the labels come out of the graph in.
    g = rdflib.Graph()
    ministry = node(g, "Regulator", "mtc", "Ministry of Transport")
    g.add((ministry, rdflib.namespace.SKOS.altLabel, Literal("Peruvian authorities")))
    key = {"documents": [], "relations": [], "metrics": [], "entities": [
        {"id": "authorities", "type": "Regulator", "label": "Peruvian authorities", "optional": True},
        {"id": "mtc", "type": "Regulator", "label": "Ministry of Transport"},
    ]}
    report = score(g, key)
    assert (report.entities.tp, report.entities.fp, report.entities.fn) == (1, 0, 0)
