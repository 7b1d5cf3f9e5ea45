"""Minted IRIs are deterministic and valid whatever characters the names hold."""

from __future__ import annotations

import os
import subprocess
import sys

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import example, given, settings

from kgbuild import iris
from kgbuild.errors import ConfigError
from kgbuild.vocab import RESOURCE_BASE

from strategies import any_text

ANY_TEXT = any_text()
NASTY = ['<Meta> "Platforms" {x}|^`\\', "tab\there\nnewline\r", "100% #1 ?q=a&b", " ", "", "\x00\x01\x7f",
         "\ud800lone", "كازاخستان", "👨‍👩‍👧 🇰🇿", "\u202eevil\u202c", "e\u0301", "ß ﬁ Ⅻ ½", "x" * 500]


def _all_iris(text: str) -> list[str]:
    return [str(i) for i in (
        iris.entity_iri("Platform", text), iris.document_iri(text), iris.graph_iri(text),
        iris.sentence_iri(text, 3), iris.node_iri("evidence", text, 1, 2, "rule"),
    )]


def _assert_valid(iri: str) -> None:
    assert iris.is_safe_iri(iri), iri
    assert iri.startswith(RESOURCE_BASE)
    assert ox.NamedNode(iri).value == iri  # RFC 3987, as Oxigraph checks it
    assert rdflib.term._is_valid_uri(iri)  # no character rdflib would warn about or write raw
    local = iri[len(RESOURCE_BASE):]
    assert all(c.isascii() and (c.isalnum() or c in "-/") for c in local), local
    assert not any(c.isupper() for c in local)


@given(ANY_TEXT)
@example("")
@settings(max_examples=300)
def test_any_text_mints_valid_iris(text):
    for iri in _all_iris(text):
        _assert_valid(iri)


@pytest.mark.parametrize("name", NASTY)
def test_nasty_names_mint_valid_iris(name):
    for iri in _all_iris(name):
        _assert_valid(iri)


@given(ANY_TEXT)
@settings(max_examples=100)
def test_iris_round_trip_through_ntriples_written_by_rdflib_and_read_by_oxigraph(text):
    g = rdflib.Graph()
    for iri in _all_iris(text):
        g.add((rdflib.URIRef(iri), rdflib.RDFS.label, rdflib.Literal("x")))
    data = g.serialize(format="nt", encoding="utf-8")
    parsed = {t.subject.value for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)}
    assert parsed == set(_all_iris(text))


def test_slugs_are_readable_and_deterministic():
    assert iris.slug("Meta Platforms, Inc.") == "meta-platforms-inc"
    assert iris.slug("Türkiye's BTK") == "turkiye-s-btk"
    assert iris.slug("  TikTok  ") == iris.slug("tiktok") == "tiktok"
    assert iris.slug("Роскомнадзор") == iris.slug("Роскомнадзор") != iris.slug("Минцифры")
    assert iris.slug("Роскомнадзор").startswith("x")
    long = iris.slug("word " * 100)
    assert len(long) <= 90 and long != iris.slug("word " * 101)
    assert iris.entity_iri("Platform", "Telegram") == iris.entity_iri("Platform", "TELEGRAM")


def test_different_names_that_fold_alike_get_different_documents():
    assert iris.document_iri("a b.txt") != iris.document_iri("a-b.txt")
    assert iris.graph_iri("Café.txt") != iris.graph_iri("Cafe.txt")


@pytest.mark.parametrize("base", ["https://example.org/id/", "urn:kg:id/", "https://example.org/kg#"])
def test_good_resource_bases_are_accepted(base):
    assert iris.check_resource_base(base) == base


@pytest.mark.parametrize("base", ["example.org/id/", "https://example.org/my id/", "https://example.org/<id>/",
                                  "https://example.org/id", "https://example.org/a#b#", ""])
def test_bad_resource_bases_are_refused(base):
    with pytest.raises(ConfigError, match="KGBUILD_RESOURCE_BASE"):
        iris.check_resource_base(base)


def test_a_bad_resource_base_is_a_one_line_cli_error(tmp_path):
    (tmp_path / "a.txt").write_text("Telegram opened an office in Kazakhstan.")
    env = {**os.environ, "KGBUILD_RESOURCE_BASE": "my base"}
    proc = subprocess.run([sys.executable, "-m", "kgbuild", "build", str(tmp_path / "a.txt"), "-o",
                           str(tmp_path / "a.ttl")], capture_output=True, text=True, env=env)
    assert proc.returncode == 2
    assert proc.stderr.startswith("kgbuild: error: KGBUILD_RESOURCE_BASE='my base'")
    assert proc.stderr.count("\n") == 1 and not (tmp_path / "a.ttl").exists()
