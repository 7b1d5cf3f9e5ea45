"""Exports: Turtle people can read and strict parsers accept, the same bytes for the same
graph, and every format carrying the same statements (the dataset ones per document).

Checked with Oxigraph's parser and Debian's ``rapper`` (raptor2), on the seeds and on
hand-built records whose names hold what breaks naive writers.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from kgbuild.errors import OutputError
from kgbuild.iris import is_safe_iri
from kgbuild.graph import document_statements
from kgbuild.serialize import FORMATS, STATEMENT_FORMATS, TURTLE_PREFIXES, get_format, write_statements
from kgbuild.store import GraphStore

from conftest import SEEDS
from test_store import make_records

ODD = ['<>"{}|^`\\', "back`tick", "new\nline", "tab\there", "100% #1", "'single' \"double\"", "é", "日本",
       "\u0301", "x\u2028y", "bell\x07", "del\x7f", "nbsp\u00a0", "\ufeffbom", "emoji 🇰🇿", "   ", "-", "_"]
RAPPER_SYNTAX = {"turtle": "turtle", "nt": "ntriples", "nq": "nquads", "trig": "trig", "xml": "rdfxml"}


def _rapper() -> str:
    found = shutil.which("rapper")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("rapper is missing in CI: scripts/install-system-deps.sh must install raptor2-utils")
        pytest.skip("rapper (Debian package raptor2-utils) is not installed; `make test-deps` installs it")
    return found


def _rapper_count(path: Path, fmt: str) -> int:
    proc = subprocess.run([_rapper(), "-i", RAPPER_SYNTAX[fmt], "-c", str(path)], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, f"rapper refused {path.name}: {proc.stderr}"
    (count,) = re.findall(r"returned (\d+) (?:triples|statements)", proc.stderr)
    return int(count)


def _odd_store(odd=ODD) -> GraphStore:
    store = GraphStore.memory()
    for i, label in enumerate(odd):
        names = {"Telegram": f"Tele{label}gram", "Kazakhstan": f"{label}"}
        store.add_document(make_records(f"odd {label} {i}.txt", labels=names, regulator="Reg",
                                        metric=("users", i + 1, "2024")))
    return store


@pytest.fixture(scope="module")
def seeds_store(nlp) -> GraphStore:
    """The seeds built with the real model into a store: one named graph per article."""
    from kgbuild.build import build

    store = GraphStore.memory()
    build([SEEDS], store=store)
    return store


def test_turtle_of_the_seeds_is_byte_identical_across_builds(seeds_graph, tmp_path):
    again = tmp_path / "again.ttl"
    proc = subprocess.run([sys.executable, "-m", "kgbuild", "build", str(SEEDS), "-o", str(again), "-q"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert again.read_bytes() == seeds_graph.read_bytes()


def test_the_same_graph_gives_the_same_bytes_whatever_the_order_it_was_built_in():
    docs = [make_records("a.txt", platforms=("Telegram", "TikTok"), regulator="Roskomnadzor"),
            make_records("b.txt", countries=("Kazakhstan", "Turkey"), metric=("users", 12, "2024-05")),
            make_records("c.txt", platforms=("YouTube",))]
    one, two = GraphStore.memory(), GraphStore.memory()
    one.add_many(docs)
    two.add_document(make_records("a.txt", platforms=("X",)))  # a first version, replaced below
    two.add_many(reversed(docs))
    for fmt in FORMATS:
        assert one.serialize(fmt) == two.serialize(fmt), fmt


def test_turtle_is_laid_out_for_people(seeds_store, tmp_path):
    out = tmp_path / "g.ttl"
    seeds_store.write(out)
    text = out.read_text("utf-8")
    header, _, body = text.partition("\n\n")
    declared = re.findall(r"^@prefix (\w+): <([^>]+)> \.$", header, re.M)
    assert len(declared) == header.count("\n") + 1 and dict(declared).items() <= TURTLE_PREFIXES.items()
    for prefix, _ in declared:  # only the prefixes used are declared
        assert re.search(rf"(^|[\s,;^]){prefix}:", body, re.M), prefix
    blocks = body.strip("\n").split("\n\n")
    subjects = [b.split(" ", 1)[0] for b in blocks]
    assert len(subjects) == len(set(subjects)) == len({t[0] for t in seeds_store.to_rdflib()})  # grouped
    typed = [b for b in blocks if " a " in b]
    assert typed and all(b.split(" ", 2)[1] == "a" for b in typed)  # rdf:type first
    assert "\\/" not in text and "country:kazakhstan a kg:Country ;" in text
    assert all(len(line) <= 140 or '"' in line for line in text.splitlines())  # long lists are wrapped


def test_seeds_in_every_format_parse_back_to_the_same_graph(seeds_store, tmp_path):
    expected = seeds_store.to_rdflib()
    for fmt in FORMATS:
        out = tmp_path / f"g{get_format(fmt).extensions[0]}"
        seeds_store.write(out)
        assert isomorphic(GraphStore.load(out).to_rdflib(), expected), fmt
        if fmt in RAPPER_SYNTAX:
            quads = len(ox.Dataset(ox.parse(path=str(out))))
            assert _rapper_count(out, fmt) == quads, fmt


def test_dataset_formats_keep_one_graph_per_document(seeds_store, tmp_path):
    for fmt in ("trig", "nq", "jsonld"):
        out = tmp_path / f"g.{fmt}"
        seeds_store.write(out, fmt)
        back = ox.Dataset(ox.parse(path=str(out), format=FORMATS[fmt].rdf_format))
        graphs = {q.graph_name.value for q in back}
        assert len(graphs) == 2 and all("/graph/" in g for g in graphs), fmt
        assert not any(isinstance(q.graph_name, ox.DefaultGraph) for q in back), fmt
    ds = rdflib.Dataset()
    ds.parse(tmp_path / "g.jsonld", format="json-ld")  # a second JSON-LD reader agrees
    assert len({c.identifier for c in ds.graphs()} - {rdflib.URIRef("urn:x-rdflib:default")}) == 2


def test_odd_names_give_valid_files_in_every_format(tmp_path):
    store = _odd_store()
    expected = store.to_rdflib()
    labels = {str(o) for o in expected.objects(None, rdflib.RDFS.label)}
    assert {f"Tele{x}gram" for x in ODD} <= labels
    for fmt in FORMATS:
        out = tmp_path / f"odd{get_format(fmt).extensions[0]}"
        if fmt == "xml":  # XML 1.0 cannot hold U+0007 at all: refused, not written broken
            with pytest.raises(OutputError, match="U\\+0007, which RDF/XML"):
                store.write(out)
            assert not out.exists()
            store = _odd_store([x for x in ODD if x != "bell\x07"])
            expected = store.to_rdflib()
        store.write(out)
        back = GraphStore.load(out).to_rdflib()
        assert isomorphic(back, expected), fmt
        if fmt in RAPPER_SYNTAX:
            assert _rapper_count(out, fmt) == len(ox.Dataset(ox.parse(path=str(out)))), fmt
    text = (tmp_path / "odd.ttl").read_text("utf-8")
    assert "\\u0007" in text and "\\u2028" in text and "\x07" not in text  # control characters escaped
    terms = [t for q in ox.parse(path=str(tmp_path / "odd.ttl")) for t in (q.subject, q.predicate, q.object)]
    assert all(is_safe_iri(t.value) for t in terms if isinstance(t, ox.NamedNode))


def test_an_empty_graph_writes_empty_but_valid_files(tmp_path):
    store = GraphStore.memory()
    for fmt in FORMATS:
        out = tmp_path / f"empty{get_format(fmt).extensions[0]}"
        store.write(out)
        assert len(ox.Dataset(ox.parse(path=str(out)))) == 0, fmt
    assert (tmp_path / "empty.ttl").read_bytes() == b""


@pytest.mark.parametrize("char", ["\x01", "\x1f", "\x7f", "\x85", "\x9f", "\u2028", "\u2029"])
def test_each_kind_of_control_character_is_escaped_in_turtle(char):
    # The writer finds them in UTF-8 without decoding: one-byte, C1 (two bytes) and
    # the line separators (three bytes) are found by three different scans.
    store = _odd_store([f"a{char}b", "é\u00a0·’…"])  # the second: non-ASCII, but nothing to escape
    text = store.serialize("turtle").decode("utf-8")
    assert f"a\\u{ord(char):04X}b" in text and char not in text
    assert "é\u00a0·’…" in text


def test_object_lists_wrap_at_100_characters_whatever_their_bytes():
    store = GraphStore.memory()
    s, p = ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p")
    g = ox.NamedNode("http://example.org/graph")
    store.oxigraph.extend(ox.Quad(s, p, ox.Literal(f"{i}{'é' * 8}"), g) for i in range(30))  # 11 characters, 19 bytes
    lines = store.serialize("turtle").decode("utf-8").splitlines()
    assert len(lines) > 3 and all(len(line) <= 100 for line in lines)
    assert all(len(line) > 85 for line in lines[:-1])  # filled by characters, not wrapped early by bytes


def _odd_records():
    odd = [*ODD, "\x01", "\x1f", "\x85", "\x9f", "\u2029", 'quote " and \\ backslash']
    for i, label in enumerate(odd):
        names = {"Telegram": f"Tele{label}gram", "Kazakhstan": f"{label}"}
        yield make_records(f"odd {label} {i}.txt", labels=names, regulator="Reg",
                           metric=("users", (i + 1) * 1000, "2024"))
    for i, value in enumerate(["0.5", "12", "0", "1250000", "0.0001"]):  # decimals with and without a point
        rec = make_records(f"number {i}.txt", metric=("users", 1, "2024-05"))
        rec.metrics[0].value = Decimal(value)
        yield rec
    yield make_records("odd 0 0.txt".replace("0 0", "again"), labels={"Telegram": "Tele<>gram"})  # a repeat


@pytest.mark.parametrize("fmt", STATEMENT_FORMATS)
def test_statements_written_without_a_store_are_byte_identical_to_the_store_export(fmt, tmp_path):
    # An in-memory build writes Turtle and N-Triples straight from the statements'
    # text; the file must be the one the store would have written, byte for byte.
    store, statements = GraphStore.memory(), set()
    for rec in _odd_records():
        store.add_document(rec)
        statements.update(document_statements(rec)[1])
    out = tmp_path / f"g{get_format(fmt).extensions[0]}"
    count = write_statements(statements, out, get_format(fmt))
    assert out.read_bytes() == store.serialize(fmt)
    assert count == store.triple_count()
    assert b"\\u0001" in out.read_bytes() and b"0.0001" in out.read_bytes()


def test_a_build_to_turtle_writes_what_its_store_would(seeds_store, tmp_path):
    from kgbuild.build import build

    summary = build([SEEDS], output=tmp_path / "g.ttl")
    assert (tmp_path / "g.ttl").read_bytes() == seeds_store.serialize("turtle")
    assert summary.triples == seeds_store.triple_count()


# --- the layout loop in C (kgbuild/_turtle.c) --------------------------------------------

def _c_layout():
    from kgbuild import serialize

    if serialize._c_lay_out is None:
        cc = (sysconfig.get_config_var("CC") or "cc").split()[0]
        if shutil.which(cc) and not os.environ.get("KGBUILD_NO_EXTENSIONS"):
            pytest.fail(f"{cc} is here but kgbuild._turtle is not built: reinstall kgbuild (`make install`)")
        pytest.skip("no C compiler: kgbuild runs on its Python layout")
    return serialize._c_lay_out


_NS = [TURTLE_PREFIXES[p] for p in ("kg", "rdfs", "xsd", "country", "platform")]
_LOCALS = ["a", "Platform", "x-1", "_u", "-lead", "with space", "é", "a.b", "", "dots.", "x%20y"]
_TEXTS = ["plain", "é" * 9, "日本語のテキスト", "a, b", "x" * 60, "tab\\tin", "🇰🇿"]


@st.composite
def _cells(draw, kind):
    if kind == "p" and draw(st.booleans()):
        return b"!"  # rdf:type, as the rows spell it
    iri = f"<{draw(st.sampled_from([*_NS, 'http://example.org/', 'urn:x:']))}{draw(st.sampled_from(_LOCALS))}>"
    if kind != "o":
        return iri.encode("utf-8")
    text = draw(st.sampled_from(_TEXTS))
    return draw(st.sampled_from([iri, f'"{text}"', f'"{text}"@en', str(draw(st.integers(0, 10 ** 12))),
                                 f'"{text}"^^<{TURTLE_PREFIXES["xsd"]}date>', f'"{text}"^^<http://example.org/dt>',
                                 "_:b1", "<< <urn:s> <urn:p> <urn:o> >>"])).encode("utf-8")


@st.composite
def _rows(draw):
    subjects = draw(st.lists(_cells("s"), min_size=1, max_size=4))
    predicates = draw(st.lists(_cells("p"), min_size=1, max_size=4))
    rows = {b"\t".join((draw(st.sampled_from(subjects)), draw(st.sampled_from(predicates)), draw(_cells("o"))))
            for _ in range(draw(st.integers(0, 40)))}
    return sorted(rows)


@given(rows=_rows(), indent=st.sampled_from([b"", b"    ", b"\xc3\xa9 "]))
@settings(max_examples=400, deadline=None)
def test_the_c_layout_writes_the_bytes_the_python_one_does(rows, indent):
    from kgbuild.serialize import _lay_out_py, _Names

    c_lay_out = _c_layout()
    py_names, c_names = _Names(), _Names()
    py_out: list[bytes] = []
    _lay_out_py(rows, py_names, py_out.append, indent)
    c_out = c_lay_out(rows, indent, c_names.namespaces, c_names.used) if rows else b""
    assert c_out == b"".join(py_out)
    assert c_names.used == py_names.used


def test_the_c_writer_gives_the_same_files_as_the_python_one(seeds_store, monkeypatch, tmp_path):
    from kgbuild import serialize

    _c_layout()
    odd = _odd_store()
    statements = set()
    for rec in _odd_records():
        statements.update(document_statements(rec)[1])

    def files():
        out = [store.serialize(fmt) for store in (seeds_store, odd) for fmt in ("turtle", "trig", "nt")]
        for fmt in STATEMENT_FORMATS:
            path = tmp_path / f"s{get_format(fmt).extensions[0]}"
            write_statements(statements, path, get_format(fmt))
            out.append(path.read_bytes())
        return out

    with_c = files()
    for name in ("_c_lay_out", "_c_rows", "_c_turtle"):
        monkeypatch.setattr(serialize, name, None)
    assert with_c == files()


def test_a_store_holding_a_triple_term_is_laid_out_from_oxigraphs_tsv(monkeypatch):
    # The C writer reads the N-Triples dump, whose triple terms only Oxigraph's TSV cells
    # spell as the layout does: it declines them, and the TSV path writes the file.
    from kgbuild import serialize

    _c_layout()
    ex = "http://example.org/"
    store = ox.Store()
    quoted = ox.Triple(ox.NamedNode(ex + "a"), ox.NamedNode(ex + "p"), ox.Literal("x"))
    store.add(ox.Quad(ox.NamedNode(ex + "r"), ox.NamedNode(f"{TURTLE_PREFIXES['rdf']}reifies"), quoted))
    store.add(ox.Quad(ox.NamedNode(ex + "r"), ox.NamedNode(ex + "q"), ox.Literal("1", datatype=ox.NamedNode(f"{TURTLE_PREFIXES['xsd']}integer"))))
    names = serialize._Names()
    assert serialize._c_turtle(serialize._union_dump(store, False), b"", names.namespaces, names.used) is None
    written = serialize.serialize_store(store, "turtle")
    for name in ("_c_lay_out", "_c_rows", "_c_turtle"):
        monkeypatch.setattr(serialize, name, None)
    assert written == serialize.serialize_store(store, "turtle")
    assert b"rdf:reifies <<( " in written
    assert {q.triple for q in ox.parse(written, format=ox.RdfFormat.TURTLE)} == {q.triple for q in store}


def test_the_c_layout_refuses_a_row_that_is_not_three_cells():
    c_lay_out = _c_layout()
    for row in (b"<urn:s>\t<urn:p>", b"<urn:s>\t<urn:p>\t1\t2"):
        with pytest.raises(ValueError, match="three tab-separated cells"):
            c_lay_out([row], b"", [], set())


_XSD = "http://www.w3.org/2001/XMLSchema#"
_LEXICAL = st.one_of(st.sampled_from(["0", "-5", "+7", "007", "1.5", ".5", "5.", "-0.0", "1e5", "1.5E-3", ".5e+1",
                                      "5.e1", "INF", "NaN", "true", "false", "1", "abc", " 5", ""]),
                     st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12))


@st.composite
def _literals(draw):
    value = draw(_LEXICAL)
    kind = draw(st.sampled_from(["plain", "lang", "integer", "decimal", "double", "boolean", "float", "date", "other"]))
    if kind == "plain":
        return ox.Literal(value)
    if kind == "lang":
        return ox.Literal(value, language="en")
    datatype = "http://example.org/dt" if kind == "other" else _XSD + kind
    return ox.Literal(value, datatype=ox.NamedNode(datatype))


@given(objects=st.lists(st.one_of(_literals(), st.sampled_from([ox.NamedNode("http://example.org/x\u2028y"),
                                                                  ox.NamedNode(f"{_XSD}string"), ox.BlankNode("b1")])),
                        min_size=1, max_size=12))
@settings(max_examples=300, deadline=None)
def test_rows_made_in_c_from_n_triples_are_the_rows_of_oxigraphs_tsv(objects):
    # The C path reads Oxigraph's N-Triples dump instead of its SPARQL TSV results, and must
    # spell every cell as the TSV writer does (bare numbers and booleans, escapes, controls).
    from kgbuild import serialize

    _c_layout()
    store = ox.Store()
    s, p = ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p")
    typ = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    store.extend(ox.Quad(s, typ if i % 5 == 0 and isinstance(o, ox.NamedNode) else p, o) for i, o in enumerate(objects))
    tsv = store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }").serialize(format=ox.QueryResultsFormat.TSV)
    expected = serialize._sorted_rows(tsv, unique=False)
    data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    assert serialize._c_rows(data + data) == expected  # repeats dropped, as the union of graphs needs
    statements = [line[:-2] for line in data.decode("utf-8").split("\n") if line]  # (not splitlines: U+2028)
    assert serialize._c_rows("\n".join(reversed(statements)).encode("utf-8")) == expected
    names = serialize._Names()
    body, count = serialize._c_turtle(data, b"", names.namespaces, names.used)
    py_names, py_out = serialize._Names(), []
    serialize._lay_out_py(expected, py_names, py_out.append, b"")
    assert (body, count, names.used) == (b"".join(py_out), len(expected), py_names.used)


def test_the_c_writer_sorts_long_inputs_in_any_order_as_python_does():
    from kgbuild import serialize

    _c_layout()
    import random

    rng = random.Random(5)
    lines = [f"<http://example.org/s{rng.randrange(300)}> <http://example.org/p{rng.randrange(4)}> "
             f"\"{rng.randrange(10 ** 6)}\"" for _ in range(5000)]
    for order in (lines, sorted(lines), sorted(lines, reverse=True), lines[::2] + sorted(lines[1::2])):
        rows = serialize._c_rows("\n".join(order).encode("utf-8"))
        assert rows == sorted({line.replace(" ", "\t", 2).encode("utf-8") for line in lines})
