"""notebooks/explore.ipynb, executed fresh in a real kernel (nbclient), outputs checked."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"

pytestmark = [pytest.mark.slow, pytest.mark.model]


def _text(cell) -> str:
    """Everything a cell printed or displayed, as text (plain and HTML)."""
    parts = []
    for out in cell.get("outputs", []):
        if out.get("text"):
            parts.append(out["text"])
        for mime in ("text/plain", "text/html"):
            if mime in out.get("data", {}):
                parts.append(out["data"][mime])
    return "\n".join(parts)


@pytest.fixture(scope="module")
def executed():
    """The notebook run top to bottom in a fresh kernel, building the seeds itself."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:
        assert not cell.get("outputs"), "commit the notebook without outputs (the test runs it fresh)"
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("KGBUILD_GRAPH", raising=False)  # the kernel inherits the environment: build the seeds
        nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    return {tag: cell for cell in nb.cells for tag in cell.metadata.get("tags", [])}


def test_every_cell_ran_without_error(executed):
    for tag, cell in executed.items():
        assert cell.get("execution_count"), tag
        assert not [o for o in cell.outputs if o.output_type == "error"], tag
        assert "Traceback" not in _text(cell), tag


def test_graph_summary_and_named_queries(executed):
    summary = _text(executed["graph"])
    assert "triples" in summary and "Platform" in summary
    queries = _text(executed["queries"])
    for name in ("platforms-by-country", "regulators-and-platforms", "entities"):
        assert name in queries
    platforms = _text(executed["platforms"])
    assert "<table" in platforms and "Telegram" in platforms and "Meta" in platforms
    assert "Empty DataFrame" not in platforms
    assert "Telegram" in _text(executed["metrics"])


def test_centrality_and_communities(executed):
    centrality = _text(executed["centrality"])
    assert "<table" in centrality and "betweenness" in centrality and "degree_centrality" in centrality
    assert "Telegram" in centrality
    communities = _text(executed["communities"])
    assert "<table" in communities and "members" in communities and "Empty DataFrame" not in communities


def test_inline_views(executed):
    page = _text(executed["view"])
    assert '<iframe srcdoc="' in page and "kg-data" in page and "vis-network 10.1.5" in page
    focus = _text(executed["focus"])
    assert "edges around Telegram" in focus and '<iframe srcdoc="' in focus
