"""The code's vocabulary and the ontology files agree, and the ontology is sound."""

import pytest
from rdflib import OWL, RDF, RDFS

from kgbuild.ontology import load_ontology, load_shapes
from kgbuild.vocab import ENTITY_CLASSES, KG, KG_NAMESPACE, METRIC_PROPERTIES, RELATIONS


def _ontology_terms():
    g = load_ontology()
    terms = set()
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for s in g.subjects(RDF.type, kind):
            if str(s).startswith(KG_NAMESPACE):
                terms.add(str(s)[len(KG_NAMESPACE):])
    return g, terms


def test_code_and_ontology_declare_the_same_terms():
    _, terms = _ontology_terms()
    code = set(KG.__annotations__)
    assert code == terms, f"only in code: {code - terms}; only in ontology: {terms - code}"


def test_contract_names_are_present():
    _, terms = _ontology_terms()
    assert set(ENTITY_CLASSES) | {"Metric"} <= terms
    assert set(RELATIONS) <= terms
    assert set(METRIC_PROPERTIES) <= terms


def test_every_term_has_label_and_comment():
    g, terms = _ontology_terms()
    for t in terms:
        node = KG[t]
        assert (node, RDFS.label, None) in g, t
        assert (node, RDFS.comment, None) in g, t


def test_relations_have_domain_and_range():
    g, _ = _ontology_terms()
    for rel in RELATIONS:
        assert (KG[rel], RDFS.domain, None) in g, rel
        assert (KG[rel], RDFS.range, None) in g, rel


def test_misspelt_term_fails():
    with pytest.raises(AttributeError):
        KG.ceoof  # noqa: B018


def test_shapes_parse_and_target_the_classes():
    shapes = load_shapes()
    sh = "http://www.w3.org/ns/shacl#"
    targets = {str(o)[len(KG_NAMESPACE):] for o in shapes.objects(None, __import__("rdflib").URIRef(sh + "targetClass"))
               if str(o).startswith(KG_NAMESPACE)}
    assert set(ENTITY_CLASSES) | {"Metric", "Evidence", "Document"} <= targets
