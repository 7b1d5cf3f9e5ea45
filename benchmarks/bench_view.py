"""Benchmark: how fast the HTML view settles in a real browser, against vis-network's defaults.

Builds a synthetic corpus (benchmarks/corpus.py) with the real pipeline (or takes
``--graph FILE``), renders views of growing size with ``--max-nodes``, opens each
in headless chromium and measures:

* render: Python time of ``graph_data`` + ``render_html``;
* ready: page load until the layout is settled and physics stopped (``window.kgReady``);
* kgbuild / defaults: in the same page, time for a fresh vis Network on the same
  nodes and edges to finish stabilising with kgbuild's options, then with
  vis-network's default options (barnesHut, 1000 stabilisation iterations), and
  their ratio.

Usage::

    .venv/bin/python benchmarks/bench_view.py                    # 150 articles, 100..1000 nodes
    .venv/bin/python benchmarks/bench_view.py --graph out/graph.ttl --sizes 50,200

Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT / "scripts")]

_STABILISE = """async () => {
    const run = (options) => new Promise((resolve) => {
        const box = document.createElement("div");
        box.style.cssText = "position:absolute;left:0;top:0;width:1200px;height:700px;visibility:hidden";
        document.body.appendChild(box);
        const nodes = new vis.DataSet(window.kgNodes.get().map(({title, ...n}) => n));
        const edges = new vis.DataSet(window.kgEdges.get().map(({title, ...e}) => e));
        let iterations = 0;
        const t0 = performance.now();
        const net = new vis.Network(box, {nodes, edges}, options);
        net.on("stabilizationProgress", (p) => { iterations = p.iterations; });
        net.once("stabilizationIterationsDone", () => {
            const ms = performance.now() - t0;
            net.destroy();
            box.remove();
            resolve([ms, iterations]);
        });
    });
    const ours = await run(window.kgOptions);
    const defaults = await run({});
    return [ours, defaults];
}"""


def measure(store, sizes: list[int], workdir: Path) -> list[dict]:
    from playwright.sync_api import sync_playwright
    from screenshot import CHROMIUM_ARGS, chromium_path

    from kgbuild.view import graph_data, render_html

    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for size in sizes:
            t0 = time.perf_counter()
            data = graph_data(store, max_nodes=size)
            page_text = render_html(data)
            render = time.perf_counter() - t0
            path = workdir / f"view-{size}.html"
            path.write_text(page_text, "utf-8")
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            t0 = time.perf_counter()
            page.goto(path.as_uri())
            page.wait_for_function("() => window.kgReady === true", timeout=300000)
            ready = time.perf_counter() - t0
            (ours_ms, ours_it), (def_ms, def_it) = page.evaluate(_STABILISE)
            page.close()
            rows.append({"nodes": len(data["nodes"]), "edges": len(data["edges"]),
                         "kb": len(page_text.encode()) / 1024, "render": render, "ready": ready,
                         "ours": ours_ms / 1000, "ours_it": ours_it, "defaults": def_ms / 1000, "def_it": def_it})
        browser.close()
    return rows


def table(rows: list[dict]) -> str:
    out = ["| nodes | edges | page KB | render s | ready s | kgbuild s (iterations) | "
           "vis defaults s (iterations) | defaults / kgbuild |",
           "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        out.append(f"| {r['nodes']} | {r['edges']} | {r['kb']:.0f} | {r['render']:.2f} | {r['ready']:.2f} | "
                   f"{r['ours']:.2f} ({r['ours_it']}) | {r['defaults']:.2f} ({r['def_it']}) | "
                   f"{r['defaults'] / r['ours']:.1f}x |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", type=Path, help="graph file (default: build a synthetic corpus)")
    parser.add_argument("--articles", type=int, default=150, help="synthetic articles to build (default 150)")
    parser.add_argument("--sizes", default="100,300,600,1000", help="--max-nodes values (default 100,300,600,1000)")
    args = parser.parse_args(argv)
    from kgbuild.store import GraphStore

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        graph = args.graph
        if graph is None:
            from corpus import write_corpus

            from kgbuild.build import build

            corpus = write_corpus(work / "corpus", args.articles)
            graph = work / "corpus.ttl"
            print(f"building {args.articles} synthetic articles ...", file=sys.stderr)
            build([corpus], output=graph)
        store = GraphStore.load(graph)
        rows = measure(store, [int(s) for s in args.sizes.split(",")], work)
    print(table(rows))


if __name__ == "__main__":
    main()
