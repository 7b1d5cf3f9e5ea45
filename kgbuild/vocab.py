"""The one place where kgbuild's IRIs live.

``KG`` is the ontology namespace (classes and properties of the contract in
``ontology/kgbuild.ttl``); ``KGR`` is the base for the resources kgbuild mints
(entities, documents, evidence).  Everything else in the package builds IRIs
through this module, so a misspelt term fails loudly (``_fail = True``).
"""

from __future__ import annotations

import os

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, XSD, DefinedNamespace

__all__ = [
    "KG", "KGR", "KG_NAMESPACE", "RESOURCE_BASE", "PREFIXES",
    "ENTITY_CLASSES", "RELATIONS", "METRIC_PROPERTIES",
    "DCTERMS", "OWL", "PROV", "RDF", "RDFS", "SH", "SKOS", "XSD",
]

#: The ontology namespace.  Stable: evaluation and users' queries rely on it.
KG_NAMESPACE = "https://w3id.org/kgbuild/ontology#"

#: Base of minted resource IRIs; override with ``KGBUILD_RESOURCE_BASE`` to host
#: the graph under one's own domain.  Entity IRIs stay deterministic either way.
RESOURCE_BASE = os.environ.get("KGBUILD_RESOURCE_BASE", "https://w3id.org/kgbuild/id/")


class KG(DefinedNamespace):
    """Classes and properties of the kgbuild ontology."""

    _fail = True
    _NS = Namespace(KG_NAMESPACE)

    # Entity classes (the contract's fixed local names).
    Entity: URIRef
    Platform: URIRef
    Regulator: URIRef
    Person: URIRef
    Office: URIRef
    Metric: URIRef
    Country: URIRef
    Organization: URIRef

    # Relations between entities.
    ceoOf: URIRef
    founderOf: URIRef
    headOf: URIRef
    ownedBy: URIRef
    hasOffice: URIRef
    locatedIn: URIRef
    operatesIn: URIRef
    jurisdiction: URIRef
    regulates: URIRef
    enforcesAgainst: URIRef

    # Metric attributes.
    value: URIRef
    unit: URIRef
    measure: URIRef
    subject: URIRef
    location: URIRef
    date: URIRef

    # Provenance.
    Document: URIRef
    Sentence: URIRef
    Evidence: URIRef
    evidence: URIRef
    inDocument: URIRef
    inSentence: URIRef
    sourceName: URIRef
    sha256: URIRef
    text: URIRef
    startChar: URIRef
    endChar: URIRef
    sentenceIndex: URIRef
    confidence: URIRef
    rule: URIRef


#: Namespace of minted resources.
KGR = Namespace(RESOURCE_BASE)

#: Local names of the entity classes the extractor emits (``Metric`` excluded).
ENTITY_CLASSES = ("Platform", "Regulator", "Person", "Office", "Country", "Organization")

#: Local names of the ten relations of the contract.
RELATIONS = (
    "ceoOf", "founderOf", "headOf", "ownedBy", "hasOffice", "locatedIn",
    "operatesIn", "jurisdiction", "regulates", "enforcesAgainst",
)

#: Local names of the metric attributes.
METRIC_PROPERTIES = ("value", "unit", "measure", "subject", "location", "date")

#: Prefixes written into every serialisation, in this order.
PREFIXES = {
    "kg": KG_NAMESPACE,
    "kgr": RESOURCE_BASE,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
}
