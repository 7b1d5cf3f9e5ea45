"""Screenshot of the HTML view for the README (docs/view.png).

Builds the seeds (or takes a graph file), renders the view with kgbuild, opens it
in headless chromium (Debian's, driven by Playwright), waits for the layout to
settle, selects one entity so the picture shows its evidence and connections in
the details panel, and saves a PNG.

Usage::

    python scripts/screenshot.py                      # seeds/ -> docs/view.png
    python scripts/screenshot.py --graph out/graph.ttl -o /tmp/view.png --select Meta
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Headless, and nothing that would reach the network on its own.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str | None:
    """The system chromium, or None."""
    found = shutil.which("chromium") or "/usr/bin/chromium"
    return found if Path(found).is_file() else None


def screenshot(page_path: Path, output: Path, width: int = 1280, height: int = 760,
               select: str | None = None) -> None:
    """Open ``page_path`` in headless chromium and save a PNG of it to ``output``."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        sys.exit("screenshot: chromium is not installed (bash scripts/install-system-deps.sh)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.goto(page_path.resolve().as_uri())
        page.wait_for_function("() => window.kgReady === true", timeout=60000)
        if select:
            # Pin the entity's details (evidence, connections) in the side panel, and
            # draw the whole graph in the space left of it.
            found = page.evaluate("""(label) => {
                const n = window.kgData.nodes.find(n => n.label === label);
                if (n) window.kgSelect(n.id);
                return !!n;
            }""", select)
            if not found:
                sys.exit(f"screenshot: no node labelled {select!r} to select")
            page.wait_for_timeout(600)  # the camera's focus animation
            page.evaluate("""() => {
                const net = window.kgNetwork, box = document.getElementById("kg-network");
                const left = document.getElementById("kg-legend").offsetWidth + 24;
                const right = document.getElementById("kg-details").offsetWidth + 24;
                const xs = [], ys = [];
                Object.values(net.getPositions()).forEach((p) => { xs.push(p.x); ys.push(p.y); });
                const w = Math.max(...xs) - Math.min(...xs) + 160, h = Math.max(...ys) - Math.min(...ys) + 120;
                const scale = Math.min((box.offsetWidth - left - right) / w, box.offsetHeight / h);
                net.moveTo({position: {x: (Math.max(...xs) + Math.min(...xs)) / 2, y: (Math.max(...ys) + Math.min(...ys)) / 2},
                            scale: scale, offset: {x: (left - right) / 2, y: 0}});
            }""")
            page.wait_for_timeout(200)
        output.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(output), type="png")
        browser.close()
    if errors:
        sys.exit(f"screenshot: the page reported errors: {errors}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", type=Path, help="graph file to draw (default: build seeds/)")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "view.png")
    parser.add_argument("--width", type=int, default=1360)
    parser.add_argument("--height", type=int, default=800)
    parser.add_argument("--select", default="Telegram", help="entity whose details to pin ('' for none)")
    parser.add_argument("--title", default="kgbuild — seeds graph")
    args = parser.parse_args(argv)

    from kgbuild.store import GraphStore
    from kgbuild.view import visualize

    with tempfile.TemporaryDirectory() as tmp:
        graph = args.graph
        if graph is None:
            from kgbuild.build import build

            graph = Path(tmp) / "seeds.ttl"
            build([ROOT / "seeds"], output=graph)
        page = Path(tmp) / "view.html"
        summary = visualize(GraphStore.load(graph), page, title=args.title)
        screenshot(page, args.output, args.width, args.height, args.select or None)
    size = args.output.stat().st_size
    print(f"wrote {args.output}: {summary['nodes']} nodes, {summary['edges']} edges, {size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
