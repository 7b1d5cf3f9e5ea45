"""The build: build() on small real inputs, summary against the graph, stdin,
streaming (lazy reading, bounded batches), long texts in chunks, progress."""

from __future__ import annotations

import importlib
import io
import json
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from decimal import Decimal

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

build_module = importlib.import_module("kgbuild.build")
from kgbuild.articles import Article, read_articles
from kgbuild.build import BuildSummary, build, count_words, extract_records, merge_chunks
from kgbuild.cli import main
from kgbuild.records import DocumentRecords, Entity, Evidence, Metric, Sentence
from kgbuild.store import GraphStore
from kgbuild.vocab import KG_NAMESPACE

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

pytestmark = pytest.mark.model

#: Short articles written for these tests.
ARTICLES = {
    "ofcom.txt": (
        "Ofcom fines Twitch over child safety\n\n"
        "Ofcom fined Twitch £2 million on March 3, 2024, over its handling of child safety. "
        "Twitch CEO Dana Whitfield said the company would cooperate with the regulator.\n\n"
        "Twitch has more than 4 million users in the United Kingdom, according to Ofcom.\n"
    ),
    "telegram.txt": (
        "Telegram to open office in Kazakhstan\n\n"
        "Telegram will open an office in Kazakhstan, the company said on October 14. "
        "Pavel Durov, the founder of Telegram, welcomed the agreement.\n\n"
        "Telegram has 12 million users in Kazakhstan.\n"
    ),
    "cnil.txt": (
        "CNIL fines Google\n\n"
        "The French regulator CNIL fined Google €150 million in January 2022 over cookie banners. "
        "YouTube, which is owned by Google, faces similar scrutiny in France.\n"
    ),
    "nested/meta.txt": (
        "Meta faces probe in Brazil\n\n"
        "The National Data Protection Authority of Brazil opened an investigation into Meta in July 2024. "
        "WhatsApp has more than 140 million users in Brazil.\n"
    ),
}


def write_articles(folder, articles=ARTICLES):
    """Write ``articles`` (name → text) under ``folder``; return the folder."""
    for name, text in articles.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def corpus(tmp_path):
    return write_articles(tmp_path / "corpus")


def _per_graph_counts(graph: GraphStore, pattern: str, key: str) -> Counter:
    """Matches of ``pattern`` summed over the named graphs, by the local name of ``?key``."""
    rows = graph.query(f"PREFIX kg: <{KG_NAMESPACE}> PREFIX rdf: <{RDF}> "
                       f"SELECT ?{key} (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ {pattern} }} }} GROUP BY ?{key}")
    return Counter({str(r[key].value).rsplit("#", 1)[-1]: int(r["n"].value) for r in rows})


ENTITY_CLASSES = ("Platform", "Regulator", "Country", "Person", "Organization", "Office")


def test_build_summary_matches_the_graph(corpus, tmp_path):
    graph = GraphStore.memory()
    out = tmp_path / "graph.ttl"
    summary = build([corpus], output=out, store=graph)

    assert summary.documents == len(ARTICLES) and not summary.skipped
    assert summary.outputs == [str(out)] and out.stat().st_size > 0
    assert summary.triples == graph.triple_count() == len(GraphStore.load(out).to_rdflib())
    # Each document's named graph holds exactly what the summary counted for it.
    assert _per_graph_counts(graph, "?d a ?k . VALUES ?k { kg:Document }", "k") == {"Document": len(ARTICLES)}
    classes = " ".join(f"kg:{c}" for c in ENTITY_CLASSES)
    assert set(summary.entities) <= set(ENTITY_CLASSES)
    assert _per_graph_counts(graph, f"?e a ?cls . VALUES ?cls {{ {classes} }}", "cls") == summary.entities
    relations = _per_graph_counts(graph, "?st a rdf:Statement ; rdf:predicate ?p", "p")
    assert relations == summary.relations and sum(relations.values()) > 0
    metrics = _per_graph_counts(graph, "?m a ?k . VALUES ?k { kg:Metric }", "k")
    assert metrics["Metric"] == summary.metrics > 0
    assert summary.sentences >= len(ARTICLES)


def test_words_are_counted_like_the_tokenizer_counts_them(corpus, nlp):
    summary = build([corpus], store=GraphStore.memory())
    expected = sum(count_words(nlp.make_doc(a.text)) for a in read_articles([corpus]))
    assert summary.words == expected > 0


def test_summary_is_json_and_keeps_counters_only(corpus):
    summary = build([corpus], store=GraphStore.memory())
    data = json.loads(json.dumps(summary.as_dict()))
    assert data["documents"] == len(ARTICLES) and data["jobs"] == 1 and data["engine"] == "local"
    # Nothing per document is kept: every field is a number, a small counter or the (empty) skip list.
    sizes = {k: len(v) for k, v in vars(summary).items() if isinstance(v, (list, dict))}
    assert sizes["skipped"] == 0 and sizes["entities"] <= 6 and sizes["relations"] <= 20


def test_stdin_is_one_document(monkeypatch, tmp_path):
    text = ARTICLES["telegram.txt"]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
    graph = GraphStore.memory()
    summary = build(["-"], store=graph)
    assert summary.documents == 1
    names = graph.query(f"SELECT ?n WHERE {{ ?d <{KG_NAMESPACE}sourceName> ?n }}")
    assert [r["n"].value for r in names] == ["stdin"]
    assert summary.entities["Platform"] >= 1


def test_stdin_through_the_command(tmp_path):
    out = tmp_path / "a.ttl"
    result = CliRunner().invoke(main, ["build", "-", "-o", str(out), "--json"], input=ARTICLES["cnil.txt"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["documents"] == 1 and data["triples"] > 0 and out.is_file()


def test_skipped_inputs_are_named_and_counted_in_progress(corpus, tmp_path):
    (corpus / "empty.txt").write_text("  \n", encoding="utf-8")
    calls = []
    summary = build([corpus], store=GraphStore.memory(), progress=lambda done, total: calls.append((done, total)))
    assert summary.documents == len(ARTICLES)
    assert len(summary.skipped) == 1 and "empty.txt" in summary.skipped[0]
    totals = {t for _, t in calls}
    assert totals == {len(ARTICLES) + 1}
    dones = [d for d, _ in calls]
    assert dones == sorted(dones) and dones[-1] == len(ARTICLES) + 1


def test_other_warnings_are_not_swallowed(corpus, monkeypatch):
    import warnings

    real = build_module.pipe_records

    def noisy(*args, **kwargs):
        warnings.warn("something unrelated", RuntimeWarning)
        yield from real(*args, **kwargs)

    monkeypatch.setattr(build_module, "pipe_records", noisy)
    with pytest.warns(RuntimeWarning, match="something unrelated"):
        build([corpus], store=GraphStore.memory())


def test_a_sentence_without_a_verb_does_not_stall_the_build(tmp_path):
    # "Character.AI" splits the sentence, leaving "AI €1.2 million on ..." with a noun
    # as its root: walking up from the amount must stop at the root, not loop forever
    # (spaCy makes a new Token object on every access, so `tok.head is tok` is never true).
    folder = write_articles(tmp_path / "in", {"fine.txt": (
        "The Committee on Foreign Investment in the United States fined Character.AI €1.2 million "
        "on January 13, 2023, over its handling of user data.\n")})
    try:
        done = subprocess.run([sys.executable, "-m", "kgbuild", "build", str(folder), "-o", str(tmp_path / "g.ttl")],
                              capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("kgbuild build did not finish in 60 s on a one-sentence article")
    assert done.returncode == 0, done.stderr


# ------------------------------------------------------------------ streaming


def _quads(path) -> set:
    return set(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))


def test_nquads_output_is_streamed_and_holds_the_same_quads(corpus, tmp_path):
    streamed, stored = tmp_path / "streamed.nq", tmp_path / "stored.nq"
    s1 = build([corpus], output=streamed)
    s2 = build([corpus], output=stored, store=GraphStore.memory())
    assert s1.triples is None and s1.quads == len(_quads(streamed)) > 0
    # The store also holds the union in its default graph; the document graphs are the same.
    assert _quads(streamed) == {q for q in _quads(stored) if isinstance(q.graph_name, ox.NamedNode)}
    assert GraphStore.load(streamed).triple_count() == s2.triples
    assert json.loads(json.dumps(s1.as_dict()))["triples"] is None


def test_a_failed_streamed_build_leaves_no_file(corpus, tmp_path):
    from kgbuild.errors import UnreadableInput

    (corpus / "zz-empty.txt").write_text("\n", encoding="utf-8")
    out = tmp_path / "g.nq"
    with pytest.raises(UnreadableInput):
        build([corpus], output=out, strict=True)
    assert not out.exists() and list(tmp_path.iterdir()) == [corpus]


def test_an_unknown_output_format_fails_before_any_work(corpus, tmp_path, monkeypatch):
    from kgbuild.errors import UnknownFormat

    monkeypatch.setattr(build_module, "extract_records", lambda *a, **k: pytest.fail("extraction started"))
    with pytest.raises(UnknownFormat):
        build([corpus], output=tmp_path / "g.unknown")


def tracked_articles(folder, pulled: list):
    """The articles of ``folder``, read lazily, each name appended to ``pulled`` as it is read."""
    for article in read_articles([folder]):
        pulled.append(article.source_name)
        yield article


def test_extract_records_reads_lazily(corpus, tmp_path):
    many = write_articles(tmp_path / "many", {f"a{i:02d}.txt": ARTICLES["ofcom.txt"] for i in range(12)})
    pulled = []
    stream = extract_records(tracked_articles(many, pulled), batch_size=2)
    first = next(stream)
    assert first.source_name == "a00.txt"
    # One batch (and perhaps the start of the next) was read; not the corpus.
    assert len(pulled) <= 4 < 12
    rest = list(stream)
    assert [r.source_name for r in rest] == [f"a{i:02d}.txt" for i in range(1, 12)]


def test_extract_records_counts_into_a_summary(corpus):
    summary = BuildSummary()
    records = list(extract_records(read_articles([corpus]), summary=summary))
    assert summary.documents == len(records) == len(ARTICLES)
    assert summary.metrics == sum(len(r.metrics) for r in records)


# ------------------------------------------------------------------ long texts


def test_long_article_is_split_and_merged_with_whole_text_offsets(monkeypatch, nlp):
    paragraphs = [
        "Ofcom fined Twitch £2 million over child safety.",
        "Telegram will open an office in Kazakhstan, the company said.",
        "The French regulator CNIL fined Google €150 million in January 2022.",
        "WhatsApp has more than 140 million users in Brazil.",
    ]
    article = Article("long.txt", "\n\n".join(paragraphs * 3) + "\n")
    whole = next(extract_records([article]))
    monkeypatch.setattr(build_module, "MAX_CHUNK_CHARS", 150)
    summary = BuildSummary()
    (chunked,) = list(extract_records([article], summary=summary))

    assert summary.documents == 1  # one article, however many chunks
    assert chunked.source_name == "long.txt" and chunked.sha256 == article.sha256
    # Sentences are numbered through the article and their offsets index the whole text.
    assert [s.index for s in chunked.sentences] == list(range(len(chunked.sentences)))
    for s in chunked.sentences:
        assert article.text[s.start:s.end] == s.text
    evidence = [ev for e in chunked.entities.values() for ev in e.evidence]
    evidence += [ev for r in chunked.relations for ev in r.evidence]
    evidence += [ev for m in chunked.metrics for ev in m.evidence]
    assert evidence
    for ev in evidence:
        assert article.text[ev.start:ev.end] == ev.text
        sent = chunked.sentences[ev.sentence]
        assert sent.start <= ev.start and ev.end <= sent.end
    # Entities from the last paragraphs (later chunks) are found as in the unsplit text.
    assert set(chunked.entities) == set(whole.entities)
    assert len(chunked.sentences) == len(whole.sentences)


def test_merge_chunks_renumbers_sentences_and_merges_entities():
    def part(first_sentence_start: int, text: str) -> DocumentRecords:
        rec = DocumentRecords("a.txt", "0" * 64)
        rec.sentences = [Sentence(0, first_sentence_start, first_sentence_start + len(text), text)]
        ev = Evidence(first_sentence_start, first_sentence_start + 6, 0, "Ofcom.", 0.9, "gazetteer")
        rec.add_entity(Entity("Regulator", "Ofcom", "Ofcom", set(), [ev]))
        subject = next(iter(rec.entities))
        rec.metrics.append(Metric(Decimal(2), "GBP", "fine", subject, evidence=[ev]))
        rec.add_relation(subject, "regulates", "https://example.org/x", ev)
        return rec

    merged = merge_chunks([part(0, "Ofcom."), part(10, "Ofcom."), part(20, "Ofcom.")])
    assert [s.index for s in merged.sentences] == [0, 1, 2]
    (entity,) = merged.entities.values()
    assert [(e.start, e.sentence) for e in entity.evidence] == [(0, 0), (10, 1), (20, 2)]
    assert [m.evidence[0].sentence for m in merged.metrics] == [0, 1, 2]
    (relation,) = merged.relations
    assert [e.sentence for e in relation.evidence] == [0, 1, 2]
    # Evidence outside any sentence (index -1) stays so.
    lost = part(0, "Ofcom.")
    only = next(iter(lost.entities.values()))
    only.evidence = [replace(only.evidence[0], sentence=-1)]
    assert next(iter(merge_chunks([part(0, "x"), lost]).entities.values())).evidence[-1].sentence == -1


# ------------------------------------------------------------------ command line


def test_progress_bar_is_silent_without_a_terminal(corpus, tmp_path):
    out = tmp_path / "g.ttl"
    result = CliRunner().invoke(main, ["build", str(corpus), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    done = subprocess.run([sys.executable, "-m", "kgbuild", "build", str(corpus), "-o", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" and "documents  4" in done.stdout


def test_progress_bar_counts_documents_on_a_terminal(corpus, tmp_path):
    pty = pytest.importorskip("pty")
    import fcntl
    import os
    import struct
    import termios

    out = tmp_path / "g.ttl"
    # stderr on a 100-column pseudo-terminal, stdout a pipe: the bar goes to stderr only.
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "kgbuild", "build", str(corpus), "-o", str(out)],
                            stdout=subprocess.PIPE, stderr=follower, text=True)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    stdout, _ = proc.communicate()
    os.close(leader)
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 0
    assert "building" in shown and "4/4" in shown
    assert "building" not in stdout


def test_scheduler_needs_the_dask_engine(corpus, tmp_path):
    result = CliRunner().invoke(main, ["build", str(corpus), "-o", str(tmp_path / "g.ttl"),
                                       "--engine", "local", "--scheduler", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2 and "--engine dask" in result.output


def test_help_shows_scale_options():
    result = CliRunner().invoke(main, ["build", "--help"])
    for option in ("--jobs", "--engine", "--scheduler", "--batch-size", "--shards"):
        assert option in result.output
