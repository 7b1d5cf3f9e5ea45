"""The HTML view's data and page, without a browser (tests/test_browser.py drives one)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser

import pytest
from _viewgraph import ACME, DUROV, KAZAKHSTAN, META, MINISTRY, TELEGRAM, WHATSAPP, newsroom, sparql_view_counts
from click.testing import CliRunner

from kgbuild.cli import main
from kgbuild.store import GraphStore
from kgbuild.view import (
    UnknownClass, UnknownEntity, graph_data, iframe, metric_label, render_html, visualize,
)

METRIC = "12.5 million users"


def labels(data) -> set[str]:
    return {n["label"] for n in data["nodes"]}


def edge(data, src: str, dst: str) -> dict:
    by_label = {n["id"]: n["label"] for n in data["nodes"]}
    (found,) = [e for e in data["edges"] if (by_label[e["from"]], by_label[e["to"]]) == (src, dst)]
    return found


# ----------------------------------------------------------------------------- data

def test_nodes_edges_classes_and_degrees_of_a_hand_built_graph():
    data = graph_data(newsroom())
    assert labels(data) == {TELEGRAM, KAZAKHSTAN, MINISTRY, DUROV, WHATSAPP, META, ACME, METRIC}
    assert len(data["edges"]) == 8
    assert data["totals"] == {"nodes": 8, "edges": 8}
    assert {c["name"]: c["count"] for c in data["classes"]} == {
        "Platform": 3, "Regulator": 1, "Person": 1, "Country": 1, "Organization": 1, "Metric": 1}
    # Every class drawn has its own colour and shape.
    assert len({c["color"] for c in data["classes"]}) == len({c["shape"] for c in data["classes"]}) == 6
    degree = {n["label"]: n["degree"] for n in data["nodes"]}
    assert degree == {TELEGRAM: 4, KAZAKHSTAN: 4, MINISTRY: 2, META: 2, METRIC: 2, DUROV: 1, WHATSAPP: 1, ACME: 0}
    # Two relations in the same direction share one edge and both are named.
    both = edge(data, MINISTRY, TELEGRAM)
    assert [r["relation"] for r in both["relations"]] == ["enforcesAgainst", "regulates"]
    assert both["label"] == "enforces against / regulates"
    assert edge(data, DUROV, TELEGRAM)["label"] == "CEO of"
    # A metric reads as value + unit, hangs off its subject by its measure and points to its place.
    (metric,) = [n for n in data["nodes"] if n["class"] == "Metric"]
    assert (metric["value"], metric["unit"], metric["measure"], metric["date"]) == ("12500000", "users", "users", "2024")
    assert edge(data, TELEGRAM, METRIC)["label"] == "users"
    assert edge(data, METRIC, KAZAKHSTAN)["label"] == "in"
    ministry = next(n for n in data["nodes"] if n["label"] == MINISTRY)
    assert ministry["aliases"] == ["The Ministry"]


def test_evidence_names_sentence_and_document():
    data = graph_data(newsroom())
    kz = next(n for n in data["nodes"] if n["label"] == KAZAKHSTAN)
    assert (kz["mentions"], kz["documents"]) == (3, 2)
    assert {e["document"] for e in kz["evidence"]} == {"a.txt", "b.txt"}
    assert all(e["mention"] == KAZAKHSTAN and KAZAKHSTAN in e["sentence"] for e in kz["evidence"])
    ceo = edge(data, DUROV, TELEGRAM)["relations"][0]
    assert ceo["evidence"] == [{"document": "a.txt", "sentence": f"{DUROV} is the CEO of {TELEGRAM}.",
                                "mention": f"{DUROV} is the CEO of {TELEGRAM}.", "confidence": 0.8}]
    tg = next(n for n in data["nodes"] if n["label"] == TELEGRAM)
    assert tg["mentions"] == 4 and len(tg["evidence"]) == 3  # max_evidence defaults to 3
    assert len(next(n for n in graph_data(newsroom(), max_evidence=1)["nodes"]
                    if n["label"] == TELEGRAM)["evidence"]) == 1


def test_evidence_picked_is_distinct_and_spread_over_documents():
    from kgbuild.view import _pick_evidence

    def item(doc, start, sentence, confidence=0.9, mention="Telegram"):
        return {"document": doc, "start": start, "sentence": sentence, "mention": mention, "confidence": confidence}

    items = [
        item("a.txt", 0, "Telegram"),                                         # a bare headline: last resort
        item("a.txt", 10, "Telegram to open an office | News"),
        item("a.txt", 50, "Telegram to open an office"),                      # the same headline again
        item("a.txt", 90, "Telegram was fined.", 0.95),
        item("b.txt", 0, "Regulators met Telegram.", 0.7),
        item("c.txt", 0, "Telegram grew.", 0.8),
    ]
    picked = [(e["document"], e["sentence"]) for e in _pick_evidence(items, 4)]
    assert picked == [("a.txt", "Telegram was fined."), ("c.txt", "Telegram grew."),
                      ("b.txt", "Regulators met Telegram."), ("a.txt", "Telegram to open an office | News")]
    # Sentences held inside a chosen one (the repeated headline, the bare name) never show.
    assert len(_pick_evidence(items, 10)) == 4
    assert [e["sentence"] for e in _pick_evidence(items[:1], 10)] == ["Telegram"]


def test_no_provenance_leaves_every_sentence_out():
    data = graph_data(newsroom(), provenance=False)
    assert len(data["nodes"]) == 8 and len(data["edges"]) == 8
    text = json.dumps(data)
    assert "evidence" not in text and "on Monday" not in text and "a.txt" not in text
    assert "on Monday" in json.dumps(graph_data(newsroom()))


def test_long_sentences_are_cut_around_the_mention():
    from kgbuild.view import MAX_SENTENCE_CHARS, _excerpt

    sentence = "word " * 200 + "Telegram" + " more" * 200
    cut = _excerpt(sentence, "Telegram")
    assert "Telegram" in cut and cut.startswith("…") and cut.endswith("…")
    assert len(cut) <= MAX_SENTENCE_CHARS + 2
    assert _excerpt("short  one\n here", "one") == "short one here"


@pytest.mark.parametrize(("focus", "depth", "centre", "expected"), [
    (DUROV, 0, DUROV, {DUROV}),
    (DUROV, 1, DUROV, {DUROV, TELEGRAM}),
    (DUROV, 2, DUROV, {DUROV, TELEGRAM, KAZAKHSTAN, MINISTRY, METRIC}),
    ("pavel durov", 1, DUROV, {DUROV, TELEGRAM}),                    # any case
    ("the ministry", 1, MINISTRY, {MINISTRY, TELEGRAM, KAZAKHSTAN}),  # an alias
    ("Acme", 3, ACME, {ACME}),                                        # a unique part of a name
])
def test_focus_keeps_the_neighbourhood(focus, depth, centre, expected):
    data = graph_data(newsroom(), focus=focus, depth=depth)
    assert labels(data) == expected
    assert [n["label"] for n in data["nodes"] if n["focus"]] == [centre]
    assert data["filters"]["focus"] == focus and data["filters"]["depth"] == depth
    keep = {n["id"] for n in data["nodes"]}
    assert all(e["from"] in keep and e["to"] in keep for e in data["edges"])


def test_focus_by_iri_and_focus_flag():
    store = newsroom()
    iri = next(n["id"] for n in graph_data(store)["nodes"] if n["label"] == WHATSAPP)
    data = graph_data(store, focus=iri)
    assert labels(data) == {WHATSAPP, META}
    assert [n["label"] for n in data["nodes"] if n["focus"]] == [WHATSAPP]
    short = "kgr:" + iri.rsplit("/id/", 1)[1]
    assert labels(graph_data(store, focus=short)) == {WHATSAPP, META}


def test_unknown_or_ambiguous_focus_says_what_to_do():
    with pytest.raises(UnknownEntity, match=r"did you mean: Telegram"):
        graph_data(newsroom(), focus="Telegarm")
    with pytest.raises(UnknownEntity, match=r"matches 4 entities: Acme Research \(Organization\); Meta \(Platform\)"):
        graph_data(newsroom(), focus="m")
    with pytest.raises(UnknownEntity, match="names no entity"):
        graph_data(newsroom(), focus="Nothing Like It")


def test_types_filter_and_focus_survives_it():
    data = graph_data(newsroom(), types="Platform,regulator")
    assert labels(data) == {TELEGRAM, WHATSAPP, META, MINISTRY}
    assert {e["label"] for e in data["edges"]} == {"owned by", "enforces against / regulates"}
    assert labels(graph_data(newsroom(), types=["Metric"])) == {METRIC}
    data = graph_data(newsroom(), focus=DUROV, depth=2, types="Country")
    assert labels(data) == {DUROV, KAZAKHSTAN}
    with pytest.raises(UnknownClass, match="'Platfrom' is not a class.*choose from: Country, Metric"):
        graph_data(newsroom(), types="Platfrom")


def test_max_nodes_keeps_the_best_connected():
    full = graph_data(newsroom())
    for n in range(1, 9):
        data = graph_data(newsroom(), max_nodes=n)
        assert len(data["nodes"]) == n
        kept = {x["id"] for x in data["nodes"]}
        lowest_kept = min(x["degree"] for x in data["nodes"])
        assert all(x["degree"] <= lowest_kept for x in full["nodes"] if x["id"] not in kept)
    assert labels(graph_data(newsroom(), max_nodes=2)) == {TELEGRAM, KAZAKHSTAN}
    # The focus entity stays even when it is the least connected.
    assert DUROV in labels(graph_data(newsroom(), focus=DUROV, depth=3, max_nodes=2))


def test_seeds_view_matches_sparql_counts(seeds_graph):
    """Nodes and edges of the real seeds graph, counted independently with SPARQL."""
    store = GraphStore.load(seeds_graph)
    entities, metrics, edges = sparql_view_counts(store)
    data = graph_data(store)
    assert entities > 10 and metrics >= 1
    assert len(data["nodes"]) == entities + metrics
    assert len(data["edges"]) == edges
    assert "Telegram" in labels(data)


# ----------------------------------------------------------------------------- labels

@pytest.mark.parametrize(("value", "unit", "text"), [
    ("12500000", "users", "12.5 million users"),
    ("25", "percent", "25%"),
    ("0.5", "percent", "0.5%"),
    ("1200000000", "accounts", "1.2 billion accounts"),
    ("5000", "EUR", "5,000 EUR"),
    ("3", "trillion-dollar", "3 trillion-dollar"),
    ("2000000000000", "USD", "2 trillion USD"),
    ("1234567", "users", "1.23 million users"),
    ("-40", "percent", "-40%"),
])
def test_metric_label(value, unit, text):
    assert metric_label(value, unit) == text


# ----------------------------------------------------------------------------- page

class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.scripts, self.meta, self._in = [], [], {}, None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in = dict(attrs)
            self.scripts.append([dict(attrs), ""])
        if tag == "meta" and "http-equiv" in dict(attrs):
            self.meta[dict(attrs)["http-equiv"]] = dict(attrs)["content"]

    def handle_data(self, data):
        if self._in is not None:
            self.scripts[-1][1] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._in = None


HOSTILE = {
    TELEGRAM: "Tele<img src=x onerror=alert(1)>gram",
    DUROV: "Pavel </script><script>alert(1)</script> Durov",
    ACME: "Acme & <!-- --> ]]> \u2028 Research",
}


def test_page_is_self_contained_and_its_data_cannot_close_the_script():
    data = graph_data(newsroom(HOSTILE))
    page = render_html(data)
    parsed = _Page()
    parsed.feed(page)
    # Exactly three scripts: the JSON data, vis-network, kgbuild's; none loaded from anywhere.
    assert [a for a, _ in parsed.scripts] == [{"type": "application/json", "id": "kg-data"}, {}, {}]
    assert json.loads(parsed.scripts[0][1]) == data
    for tag, attrs in parsed.tags:
        assert tag not in {"link", "img", "iframe", "object", "embed", "base", "form"}
        for name, value in attrs.items():
            assert not re.match(r"\s*(https?:|//)", value or ""), (tag, name, value)
    assert not re.search(r"url\(\s*['\"]?\s*(https?:|//)", page)
    assert "@import" not in page
    # The only http(s) strings: entity IRIs in the data, and inert strings inside
    # vis-network (a licence comment of the bundled Hammer.js, core-js's metadata).
    data_urls = set(re.findall(r"https?://[^\s\"'<>]+", parsed.scripts[0][1]))
    assert data_urls <= {n["id"] for n in data["nodes"]}
    vis_urls = set(re.findall(r"https?://[^\s\"'<>)]+", parsed.scripts[1][1]))
    assert vis_urls <= {"http://naver.github.io/egjs", "https://github.com/zloirock/core-js",
                        "https://github.com/zloirock/core-js/blob/v3.51.0/LICENSE"}
    rest = page.replace(parsed.scripts[0][1], "").replace(parsed.scripts[1][1], "")
    assert not re.search(r"https?://", rest)
    # Hostile names reach the page only escaped inside the JSON block.
    for hostile in HOSTILE.values():
        assert hostile not in page
    assert page.count("</script") == 3 and "<img" not in page and "<!-- -->" not in page
    assert "innerHTML" not in parsed.scripts[2][1] and "insertAdjacentHTML" not in parsed.scripts[2][1]


def test_content_security_policy_allows_only_the_page_own_scripts():
    page = render_html(graph_data(newsroom()))
    parsed = _Page()
    parsed.feed(page)
    csp = dict(d.strip().split(" ", 1) for d in parsed.meta["Content-Security-Policy"].split(";"))
    assert csp["default-src"] == "'none'" and csp["connect-src"] == "'none'"
    hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(code.encode()).digest()).decode() + "'"
              for _, code in parsed.scripts[1:]}
    assert set(csp["script-src"].split()) == hashes
    assert "unsafe" not in csp["script-src"]


def test_vis_network_licence_travels_with_the_page():
    page = render_html(graph_data(newsroom()))
    assert "vis-network 10.1.5" in page and "Permission is hereby granted, free of charge" in page
    assert "Almende B.V." in page


def test_iframe_escapes_the_page():
    page = render_html(graph_data(newsroom(HOSTILE)))
    frame = iframe(page, height=400)
    assert frame.startswith('<div class="kgbuild-view"><iframe srcdoc="') and "height:400px" in frame
    assert frame.count("<") == 4  # the div's and iframe's own tags: everything else is escaped
    assert 'sandbox="allow-scripts"' in frame


def test_visualize_writes_atomically_and_summarises(tmp_path):
    out = tmp_path / "v.html"
    summary = visualize(newsroom(), out, title="News <room>", types="Platform,Country")
    assert summary["nodes"] == 4 and summary["total_nodes"] == 8 and summary["edges"] == 3
    assert summary["classes"] == {"Platform": 3, "Country": 1}
    page = out.read_text("utf-8")
    assert summary["bytes"] == len(page.encode())
    assert "<title>News &lt;room&gt;</title>" in page
    # A bad filter leaves the old page in place and no temporary file behind.
    with pytest.raises(UnknownEntity):
        visualize(newsroom(), out, focus="Nobody")
    assert out.read_text("utf-8") == page
    assert [p.name for p in tmp_path.iterdir()] == ["v.html"]


# ----------------------------------------------------------------------------- command line

@pytest.fixture()
def ttl(tmp_path):
    path = tmp_path / "news.ttl"
    newsroom().write(path)
    return path


def test_cli_visualize_with_filters(ttl, tmp_path):
    out = tmp_path / "v.html"
    result = CliRunner().invoke(main, ["visualize", str(ttl), "-o", str(out), "--focus", DUROV, "--depth", "2",
                                       "--types", "Platform,Country,Person", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert (summary["nodes"], summary["edges"], summary["total_nodes"]) == (3, 2, 8)
    assert out.is_file()
    result = CliRunner().invoke(main, ["visualize", str(ttl), "-o", str(out), "--max-nodes", "3", "--no-provenance"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"wrote {out}: 3 nodes, 3 edges (of 8 nodes, 8 edges)"
    assert "on Monday" not in out.read_text("utf-8")


@pytest.mark.parametrize(("args", "message"), [
    (["--focus", "Telegarm"], "did you mean: Telegram"),
    (["--types", "Platform,Nope"], "'Nope' is not a class"),
    (["--depth", "2"], "--depth needs --focus"),
    (["--max-nodes", "0"], "0 is not in the range"),
])
def test_cli_visualize_errors_are_one_line(ttl, tmp_path, args, message):
    out = tmp_path / "v.html"
    result = CliRunner().invoke(main, ["visualize", str(ttl), "-o", str(out), *args])
    assert result.exit_code == 2
    assert message in result.output
    assert not out.exists()


def test_cli_visualize_help_has_an_example():
    result = CliRunner().invoke(main, ["visualize", "--help"])
    assert result.exit_code == 0
    assert "kgbuild visualize out/graph.ttl -o telegram.html --focus Telegram" in result.output
