"""The W3C Turtle and N-Triples test suites against kgbuild's import path and ``kgbuild validate``.

Bad Turtle handed to kgbuild is refused with a one-line error naming the file, and
nothing of it is loaded; good Turtle loads, means what the suite says it means,
and comes back out of ``kgbuild export`` unchanged in meaning.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic

from kgbuild.cli import main
from kgbuild.errors import InvalidGraph, OutputError
from kgbuild.serialize import FORMATS, read_into
from kgbuild.store import GraphStore

from conftest import SHARED

pytestmark = pytest.mark.shared

MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
RDFT = rdflib.Namespace("http://www.w3.org/ns/rdftest#")
SUITES = {"rdf-turtle": "turtle", "rdf-n-triples": "nt"}


def _entries(kind: str) -> list:
    """(suite, action file, result file) of every test whose type name ends in ``kind``."""
    out = []
    for suite in SUITES:
        manifest = SHARED / "w3c" / suite / "manifest.ttl"
        if not manifest.is_file():
            continue
        g = rdflib.Graph().parse(manifest, format="turtle")
        for test, _, t in sorted(g.triples((None, rdflib.RDF.type, None))):
            if str(t).startswith(str(RDFT)) and str(t).endswith(kind):
                action, result = g.value(test, MF.action), g.value(test, MF.result)
                name = str(g.value(test, MF.name))
                out.append(pytest.param(suite, Path(str(action)).name, result and Path(str(result)).name,
                                        id=f"{suite}/{name}"))
    # Without ../shared, one placeholder lets the `shared` fixture skip (or fail in CI).
    return out or [pytest.param(None, None, None, id="w3c-suite-missing")]


def _base(suite: str, name: str) -> str:
    return f"https://w3c.github.io/rdf-tests/rdf/rdf11/{suite}/{name}"


def _file(shared: Path, suite: str, name: str) -> Path:
    return shared / "w3c" / suite / name


@pytest.mark.parametrize("suite, action, result", _entries("NegativeSyntax"))
def test_bad_syntax_is_refused_and_nothing_is_loaded(shared, suite, action, result):
    path = _file(shared, suite, action)
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://example.org/kept"), ox.NamedNode("http://example.org/p"), ox.Literal("1")))
    with pytest.raises(InvalidGraph) as info:
        read_into(store, path, FORMATS[SUITES[suite]], base_iri=_base(suite, action))
    message = str(info.value)
    assert message.startswith(f"{path}: not valid {SUITES[suite]}") and "\n" not in message
    assert "line" in message  # says where
    assert len(store) == 1, "a refused file was half-loaded"


@pytest.mark.parametrize("suite, action, result", _entries("NegativeSyntax"))
def test_kgbuild_validate_refuses_bad_syntax_with_one_line_and_exit_2(shared, suite, action, result):
    path = _file(shared, suite, action)
    run = CliRunner().invoke(main, ["validate", str(path)])
    assert run.exit_code == 2, run.output
    assert run.stderr.startswith(f"kgbuild: error: {path}: not valid ") and run.stderr.count("\n") == 1
    assert run.stdout == ""


@pytest.mark.parametrize("suite, action, result", _entries("PositiveSyntax"))
def test_good_syntax_loads(shared, suite, action, result):
    store = ox.Store()
    read_into(store, _file(shared, suite, action), FORMATS[SUITES[suite]], base_iri=_base(suite, action))


@pytest.mark.parametrize("suite, action, result", _entries("Eval"))
def test_good_turtle_means_what_the_suite_says_and_exports_unchanged(shared, suite, action, result, tmp_path):
    store = GraphStore.memory()
    read_into(store.oxigraph, _file(shared, suite, action), FORMATS[SUITES[suite]], base_iri=_base(suite, action))
    # Oxigraph's store writes numbers in canonical form ("1.0"^^xsd:decimal comes back as "1"): same
    # value, so compare with the expected triples after the same canonicalisation.
    canonical = GraphStore.memory()
    read_into(canonical.oxigraph, _file(shared, suite, result), FORMATS["nt"])
    expected = canonical.to_rdflib()
    assert isomorphic(store.to_rdflib(), expected)

    for fmt in ("turtle", "nt", "trig", "nq", "jsonld", "xml"):
        out = tmp_path / f"out.{fmt}"
        if fmt == "xml" and any(isinstance(p, rdflib.URIRef) and not _xml_qname_ok(p) for p in expected.predicates()):
            continue  # RDF/XML cannot write predicates that do not end in an XML name
        if fmt == "xml" and any(isinstance(o, rdflib.Literal) and _NOT_XML.search(o) for o in expected.objects()):
            with pytest.raises(OutputError, match="RDF/XML"):  # refused whole, not written broken
                store.write(out, fmt)
            assert not out.exists()
            continue
        store.write(out, fmt)
        back = GraphStore.load(out, fmt)
        assert isomorphic(back.to_rdflib(), expected), f"{fmt} export of {action} changed its meaning"


def _xml_qname_ok(iri: str) -> bool:
    return bool(re.search(r"[A-Za-z_][\w.-]*$", iri))


# Characters XML 1.0 cannot hold, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def test_blank_nodes_of_two_files_do_not_merge(tmp_path):
    for name in ("a", "b"):
        (tmp_path / f"{name}.ttl").write_text(f'_:b0 <http://example.org/name> "{name}" .\n')
    store = ox.Store()
    for name in ("a", "b"):
        read_into(store, tmp_path / f"{name}.ttl")
    assert len({q.subject for q in store}) == 2


def test_relative_iris_resolve_against_the_file(tmp_path):
    f = tmp_path / "rel.ttl"
    f.write_text("<a> <b> <#c> .\n")
    (triple,) = GraphStore.load(f).to_rdflib()
    assert str(triple[0]) == (tmp_path / "a").as_uri() and str(triple[2]) == f.as_uri() + "#c"


@pytest.mark.parametrize("argv", [["validate", "BAD"], ["stats", "BAD"], ["export", "BAD", "-o", "OUT"],
                                  ["query", "BAD", "ASK {}"], ["visualize", "BAD", "-o", "OUT"]])
def test_every_command_refuses_a_bad_graph_with_one_line(shared, argv, tmp_path):
    bad = _file(shared, "rdf-turtle", "turtle-syntax-bad-struct-01.ttl")
    args = [{"BAD": str(bad), "OUT": str(tmp_path / "out.ttl")}.get(a, a) for a in argv]
    proc = subprocess.run([sys.executable, "-m", "kgbuild", *args], capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"kgbuild: error: {bad}: not valid turtle: Parser error at line 2 column 1")
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert not (tmp_path / "out.ttl").exists()
