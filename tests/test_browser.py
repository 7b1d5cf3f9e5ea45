"""The HTML view in a real headless browser: Debian's chromium driven by Playwright.

Every page is opened from a file:// URL with listeners on console messages, page
errors, requests and dialogs: a page passes only if it logs no error, requests
nothing but itself, and never opens a dialog (an injected ``alert(1)`` would).
Outside CI a machine without chromium skips these tests; in CI
(``KGBUILD_REQUIRE_SHARED=1``, chromium installed by scripts/install-system-deps.sh)
they fail instead.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from _viewgraph import ACME, DUROV, KAZAKHSTAN, MINISTRY, TELEGRAM, newsroom, sparql_view_counts

from kgbuild.store import GraphStore
from kgbuild.view import visualize

pytestmark = pytest.mark.slow

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _unavailable(reason: str):
    if os.environ.get("KGBUILD_REQUIRE_SHARED"):
        pytest.fail(f"{reason}, but KGBUILD_REQUIRE_SHARED is set: CI must run the browser tests "
                    "(`make test-deps` installs chromium and playwright)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    """Headless chromium (the system's; Playwright's own download is never used)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[test]')")
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(executable).is_file():
        _unavailable("chromium is not installed (scripts/install-system-deps.sh installs it)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield b
        b.close()


@dataclass
class Opened:
    """A loaded view and everything it did while loading and being used."""

    page: object
    url: str
    console: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    requests: list = field(default_factory=list)
    dialogs: list = field(default_factory=list)

    def assert_clean(self):
        problems = [m for m in self.console if m[0] in {"error", "warning"}]
        assert not problems, problems
        assert not self.errors, self.errors
        assert not self.dialogs, f"a script ran and opened a dialog: {self.dialogs}"
        assert self.requests == [self.url], f"the page fetched something: {self.requests}"

    def counts(self) -> tuple[int, int]:
        return tuple(self.page.evaluate("() => [window.kgNodes.length, window.kgEdges.length]"))

    def dom_point(self, label: str) -> tuple[float, float]:
        """Where the node labelled ``label`` is drawn, in page coordinates."""
        x, y = self.page.evaluate("""(label) => {
            const n = window.kgData.nodes.find(n => n.label === label);
            const p = window.kgNetwork.canvasToDOM(window.kgNetwork.getPositions([n.id])[n.id]);
            const box = document.getElementById("kg-network").getBoundingClientRect();
            return [p.x + box.left, p.y + box.top];
        }""", label)
        return x, y

    def tooltip(self, label: str) -> str:
        """Hover the node ``label`` and return the text of the tooltip that shows."""
        self.page.mouse.move(5, 5)
        self.page.mouse.move(*self.dom_point(label))
        tip = self.page.locator("div.vis-tooltip")
        tip.wait_for(state="visible", timeout=5000)
        self.page.wait_for_function("() => document.querySelector('div.vis-tooltip').style.visibility === 'visible'")
        return tip.inner_text()


@pytest.fixture()
def open_view(browser):
    pages = []

    def open_(path: Path) -> Opened:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        pages.append(page)
        opened = Opened(page, path.resolve().as_uri())
        page.on("console", lambda m: opened.console.append((m.type, m.text)))
        page.on("pageerror", lambda e: opened.errors.append(str(e)))
        page.on("request", lambda r: opened.requests.append(r.url))

        def dialog(d):
            opened.dialogs.append((d.type, d.message))
            d.dismiss()

        page.on("dialog", dialog)
        page.goto(opened.url)
        # A function, not a string: the page's CSP forbids eval, which string predicates use.
        page.wait_for_function("() => window.kgReady === true", timeout=60000)
        return opened

    yield open_
    for page in pages:
        page.close()


def test_seeds_view_loads_offline_with_every_node_and_edge(seeds_graph, tmp_path, open_view):
    store = GraphStore.load(seeds_graph)
    entities, metrics, edges = sparql_view_counts(store)
    out = tmp_path / "seeds.html"
    visualize(store, out)
    view = open_view(out)
    assert view.counts() == (entities + metrics, edges)
    # The legend lists every class drawn, with its count.
    legend = view.page.locator("#kg-legend-items li").all_inner_texts()
    assert any(item.startswith("Platform") for item in legend)
    assert sum(int(item.split()[-1]) for item in legend) == entities + metrics
    tip = view.tooltip("Telegram")
    assert "Platform" in tip and "Evidence" in tip and ".txt" in tip
    view.assert_clean()


def test_filtered_view_in_the_browser(tmp_path, open_view):
    out = tmp_path / "focus.html"
    visualize(newsroom(), out, focus=DUROV, depth=2, types="Platform,Person,Country,Regulator")
    view = open_view(out)
    assert view.counts() == (4, 4)  # Durov→Telegram→Kazakhstan, ministry→both
    header = view.page.locator("#kg-counts").inner_text()
    assert header.startswith("4 nodes · 4 edges (of 8 · 8)") and DUROV in header
    view.assert_clean()


def test_empty_view_says_so(tmp_path, open_view):
    out = tmp_path / "empty.html"
    visualize(GraphStore.memory(), out)
    view = open_view(out)
    assert view.counts() == (0, 0)
    assert "No nodes to show" in view.page.locator(".kg-empty").inner_text()
    view.assert_clean()


def test_tooltips_show_evidence_as_text_and_metrics_as_value_and_unit(tmp_path, open_view):
    out = tmp_path / "news.html"
    visualize(newsroom(), out)
    view = open_view(out)
    tip = view.tooltip(KAZAKHSTAN)
    assert tip.startswith(f"{KAZAKHSTAN}\nCountry · 4 connections")
    assert "Evidence · 3 mentions in 2 documents" in tip
    assert f"“{TELEGRAM} operates in {KAZAKHSTAN}, where the {MINISTRY} regulates it.” — a.txt" in tip
    assert "— b.txt" in tip
    metric = view.tooltip("12.5 million users")
    assert "measure: users" in metric and "value: 12500000 users" in metric and "date: 2024" in metric
    # Edge labels carry the relation.
    labels = view.page.evaluate("() => window.kgEdges.get().map(e => e.label).sort()")
    assert "enforces against / regulates" in labels and "CEO of" in labels
    view.assert_clean()


def test_search_selects_and_legend_hides(tmp_path, open_view):
    out = tmp_path / "news.html"
    visualize(newsroom(), out)
    view = open_view(out)
    page = view.page
    page.fill("#kg-search", "durov")
    page.press("#kg-search", "Enter")
    page.wait_for_selector("#kg-details:not([hidden])")
    assert page.locator("#kg-details-body .kg-name").inner_text() == DUROV
    assert page.evaluate("() => window.kgNetwork.getSelectedNodes()") == [
        next(n["id"] for n in page.evaluate("() => window.kgData.nodes") if n["label"] == DUROV)]
    assert "→ CEO of Telegram" in page.locator("#kg-details-body").inner_text()
    page.fill("#kg-search", "no such entity")
    page.press("#kg-search", "Enter")
    assert "kg-miss" in page.get_attribute("#kg-search", "class")
    page.click('#kg-legend-items li[data-class="Platform"]')
    hidden = page.evaluate("() => window.kgNodes.get().filter(n => n.hidden).length")
    assert hidden == 3
    page.click('#kg-legend-items li[data-class="Platform"]')
    assert page.evaluate("() => window.kgNodes.get().filter(n => n.hidden).length") == 0
    view.assert_clean()


PAYLOADS = {
    TELEGRAM: "Tele<img src=x onerror=alert(1)>gram",
    DUROV: "Pavel </script><script>alert(1)</script> Durov",
    ACME: "Acme <svg onload=\"window.kgPwned=1\"><b onmouseover=alert(1)>Research</b>",
    MINISTRY: "Ministry <iframe srcdoc=\"<script>parent.kgPwned=1</script>\"></iframe>",
}


def _assert_no_markup_ran(view: Opened):
    page = view.page
    assert page.evaluate("() => window.kgPwned") is None
    assert page.evaluate("() => document.querySelectorAll('img, svg, iframe, b').length") == 0
    assert page.evaluate("() => document.scripts.length") == 3
    view.assert_clean()


def test_markup_in_entity_names_is_shown_as_text(tmp_path, open_view):
    out = tmp_path / "hostile.html"
    visualize(newsroom(PAYLOADS), out)
    view = open_view(out)
    assert view.counts() == (8, 8)
    for name in PAYLOADS.values():
        tip = view.tooltip(name)
        assert tip.splitlines()[0] == name
    # Pinned details and the search list hold the names as text too.
    view.page.mouse.click(*view.dom_point(PAYLOADS[DUROV]))
    view.page.wait_for_selector("#kg-details:not([hidden])")
    assert view.page.locator("#kg-details-body .kg-name").inner_text() == PAYLOADS[DUROV]
    assert PAYLOADS[TELEGRAM] in view.page.locator("#kg-details-body").inner_text()
    options = view.page.evaluate("() => [...document.querySelectorAll('#kg-names option')].map(o => o.value)")
    assert f"{PAYLOADS[ACME]} (Organization)" in options
    labels = view.page.evaluate("() => window.kgNodes.get().map(n => n.label.replace('\\n', ' '))")
    assert PAYLOADS[TELEGRAM] in labels  # drawn on the canvas (on two lines)
    _assert_no_markup_ran(view)


def test_markup_in_an_article_is_shown_as_text(tmp_path, open_view):
    """Through the real extractor: the evidence sentences of a real article carry the markup."""
    from kgbuild.build import build

    article = tmp_path / "articles" / "hostile.txt"
    article.parent.mkdir()
    article.write_text(
        "Regulator fines Telegram over <img src=x onerror=alert(1)> posts\n\n"
        "Kazakhstan's Ministry of Digital Development fined Telegram on Monday after users shared "
        "<img src=x onerror=alert(1)> in public channels.\n\n"
        "Pavel Durov, the CEO of Telegram, said the company would remove the "
        "</script><script>alert(1)</script> messages within a day.\n\n"
        "Telegram has more than 12.5 million users in Kazakhstan, the ministry said.\n", "utf-8")
    graph = tmp_path / "hostile.ttl"
    build([article.parent], output=graph)
    out = tmp_path / "hostile.html"
    visualize(GraphStore.load(graph), out, max_evidence=10)
    view = open_view(out)
    sentences = [e["sentence"] for n in view.page.evaluate("() => window.kgData.nodes")
                 if n["label"] == "Telegram" for e in n["evidence"]]
    assert any("<img src=x onerror=alert(1)>" in s for s in sentences), sentences
    assert any("</script><script>alert(1)</script>" in s for s in sentences), sentences
    tip = view.tooltip("Telegram")
    assert "shared <img src=x onerror=alert(1)> in public channels" in tip
    assert "remove the </script><script>alert(1)</script> messages" in tip
    _assert_no_markup_ran(view)
