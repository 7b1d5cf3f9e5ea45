"""The ontology files (OWL/RDFS and SHACL, in Turtle) and SHACL validation.

The files live in the repository's ``ontology/`` folder and ship inside the
wheel as ``kgbuild/ontology/``; :func:`ontology_dir` finds whichever is there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import rdflib

ONTOLOGY_FILE = "kgbuild.ttl"
SHAPES_FILE = "shapes.ttl"


def ontology_dir() -> Path:
    """The folder holding ``kgbuild.ttl`` and ``shapes.ttl``."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "ontology", here.parent / "ontology"):
        if (candidate / ONTOLOGY_FILE).is_file():
            return candidate
    raise FileNotFoundError("kgbuild's ontology files are missing from the installation; reinstall kgbuild")


def load_ontology() -> rdflib.Graph:
    """The OWL/RDFS ontology as an rdflib Graph."""
    return rdflib.Graph().parse(ontology_dir() / ONTOLOGY_FILE, format="turtle")


def load_shapes() -> rdflib.Graph:
    """The SHACL shapes as an rdflib Graph."""
    return rdflib.Graph().parse(ontology_dir() / SHAPES_FILE, format="turtle")


@dataclass
class ValidationResult:
    """Whether a graph conforms to the shapes, and pyshacl's readable report."""

    conforms: bool
    text: str
    violations: int


def validate(graph: rdflib.Graph) -> ValidationResult:
    """Validate ``graph`` against kgbuild's SHACL shapes (with the ontology for subclassing)."""
    import pyshacl

    conforms, report_graph, text = pyshacl.validate(
        graph, shacl_graph=load_shapes(), ont_graph=load_ontology(), inference="none",
        advanced=True, allow_warnings=True,
    )
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    violations = sum(1 for _ in report_graph.subjects(rdflib.RDF.type, sh.ValidationResult))
    return ValidationResult(bool(conforms), text, violations)
