"""Properties that must hold for any input text (hypothesis, with the real model and writers).

- any article text gives a graph whose Turtle Oxigraph parses back isomorphic to it;
- every IRI in it is safe to write raw in any RDF syntax;
- any literal text comes back byte-identical from Turtle, TriG, N-Triples, N-Quads and JSON-LD.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from kgbuild.articles import Article
from kgbuild.errors import valid_unicode
from kgbuild.iris import is_safe_iri
from kgbuild.serialize import FORMATS
from kgbuild.store import GraphStore

from strategies import any_text

_NAMES = ["Telegram", "Kazakhstan", "Meta", "TikTok", "Pavel Durov", "Turkey", "YouTube", "Roskomnadzor",
          "the Ministry of Digital Development", "Brazil", "LinkedIn", "X"]
_GLUE = [" opened an office in ", " was fined 5 million dollars by ", " has 20 million users in ", " is the CEO of ",
         " blocked ", ". ", ", ", "\n\n", " and ", " in 2024. ", " — ", "’s "]
_ARTICLE = st.lists(st.one_of(st.sampled_from(_NAMES), st.sampled_from(_GLUE), any_text(12)),
                    min_size=1, max_size=40).map("".join)


def _parse_back(path: Path, fmt: str) -> ox.Store:
    store = ox.Store()
    store.load(path=str(path), format=FORMATS[fmt].rdf_format)
    return store


def _as_rdflib(store: ox.Store) -> rdflib.Graph:
    g = rdflib.Graph()
    g.parse(data=ox.serialize((q.triple for q in store), format=ox.RdfFormat.N_TRIPLES).decode("utf-8"),
            format="nt")
    return g


@pytest.mark.slow
@pytest.mark.model
@given(_ARTICLE)
@example("Telegram\u00a0opened an office in Kazakh\u00adstan 🇰🇿. قال تلغرام \u202eMeta\u202c fined <x> \"{y}\" \\ \t")
@example("\ud800Meta\x00 has 20\u202f000 users in Turkey.\r\n\u2029TikTok")
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_article_gives_turtle_that_parses_back_isomorphic(nlp, text):
    from kgbuild.extract import doc_to_records

    article = Article.from_text("name with <odd> {chars}|^`\\ 100% #1\t.txt", text)
    if not article.text.strip():
        return
    store = GraphStore.memory()
    store.add_document(doc_to_records(nlp(article.text), article))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "g.ttl"
        store.write(out, "turtle")
        back = _parse_back(out, "turtle")
    assert isomorphic(_as_rdflib(back), store.to_rdflib())
    for q in back:
        for t in (q.subject, q.predicate, q.object):
            if isinstance(t, ox.NamedNode):
                assert is_safe_iri(t.value), t.value


_DATASET_FORMATS = ["turtle", "trig", "nt", "nq", "jsonld"]


@given(any_text(200))
@example("\x00\x01\x08\x0b\x0c\x0e\x1f\x7f\x85\u2028\u2029\ufeff\ufffe\uffff\U0010ffff")
@example('"""\'\'\' \\" \\\\ \\u0041 \\U00000041 \\n @en ^^<x> . ; , # <> {} ${x}')
@example("\r\n\r \t \n")
@settings(max_examples=200, deadline=None)
def test_any_literal_round_trips_byte_identical(text):
    value = valid_unicode(text)  # the one change kgbuild makes before text becomes a literal
    s, p = ox.NamedNode("https://w3id.org/kgbuild/id/x"), ox.NamedNode("https://w3id.org/kgbuild/ontology#text")
    g = ox.NamedNode("https://w3id.org/kgbuild/id/graph/x")
    literals = [ox.Literal(value), ox.Literal(value, language="en"),
                ox.Literal(value, datatype=ox.NamedNode("https://example.org/dt"))]
    store = GraphStore.memory()
    store.oxigraph.extend(ox.Quad(s, p, lit, g) for lit in literals)
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in _DATASET_FORMATS:
            out = Path(tmp) / f"g.{fmt}"
            store.write(out, fmt)
            back = {q.object for q in _parse_back(out, fmt)}
            assert back == set(literals), fmt
            assert {lit.value.encode("utf-8") for lit in back} == {value.encode("utf-8")}, fmt


@pytest.mark.model
def test_odd_text_builds_end_to_end_into_turtle_with_its_entities(tmp_path):
    from kgbuild.build import build

    page = ("<html><body><article><h1>Tele\u00adgram\u00a0&amp; Kazakh\u200bstan</h1>"
            "<p>\u202bقال تلغرام\u202c — Telegram opened an office in Kazakhstan 🇰🇿👍🏽.</p>"
            "<p>Meta\u00a0was fined 5\u202f000\u00a0dollars in Turkey; “quotes” &lt;tags&gt; {braces} \\ ` ^ |.</p>"
            "</article></body></html>")
    src = tmp_path / "odd <name> {x} 100% #1.html"
    src.write_bytes(page.encode("utf-16"))
    out = tmp_path / "odd.ttl"
    summary = build([src], output=out)
    assert summary.documents == 1 and not summary.skipped
    back = _parse_back(out, "turtle")
    labels = {q.object.value for q in back if q.predicate.value.endswith("#label")}
    assert {"Telegram", "Kazakhstan", "Meta", "Turkey"} <= labels
    names = {q.object.value for q in back if q.predicate.value.endswith("#sourceName")}
    assert names == {"odd <name> {x} 100% #1.html"}
    texts = {q.object.value for q in back if q.predicate.value.endswith("ontology#text")}
    assert any("قال تلغرام" in t for t in texts) or any("🇰🇿" in t for t in texts)
