"""Benchmark: kgbuild's Oxigraph-backed store against plain rdflib at scale.

Generates synthetic documents in the shape kgbuild extracts (entities with
evidence, reified relations, metrics over time, sentences; no article text),
writes them once as N-Quads, then measures in a separate process per backend
(so that peak memory does not mix):

* load: parse the dataset (N-Quads into the store, N-Triples into rdflib);
* serialise Turtle and N-Triples;
* three typical queries (the shipped named queries ``platforms-by-country``,
  ``platform-metrics`` for one platform, ``evidence`` for one fact);
* memory: resident set after loading and peak resident set of the process.

Usage::

    .venv/bin/python benchmarks/bench_store.py               # 1,000,000 triples
    .venv/bin/python benchmarks/bench_store.py --triples 20000 --json

Prints a Markdown table with the rdflib / store ratio of each row.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

BACKENDS = {
    "store-memory": "kgbuild store (Oxigraph, in memory)",
    "store-disk": "kgbuild store (Oxigraph, on disk)",
    "rdflib": "rdflib Graph (in memory)",
}
BASELINE = "rdflib"

# A document of the generator holds about this many distinct triples (measured).
_TRIPLES_PER_DOC = 600


def synthetic_records(n_docs: int, seed: int = 7):
    """Yield ``n_docs`` DocumentRecords shaped like kgbuild's extraction of news articles.

    Entities are drawn from pools that grow with the corpus, so the same platform or
    country recurs across documents and merges by IRI as real extractions do.
    """
    from kgbuild.records import DocumentRecords, Entity, Evidence, Metric, Sentence

    rng = random.Random(seed)
    pools = {
        "Platform": max(20, n_docs // 2), "Regulator": max(10, n_docs // 8), "Person": max(20, n_docs),
        "Organization": max(10, n_docs // 4), "Office": max(5, n_docs // 10), "Country": 195,
    }
    years = [str(y) for y in range(2012, 2026)]
    measures = [("monthly active users", "users"), ("revenue", "USD"), ("fine", "EUR"), ("downloads", "downloads")]
    rules = ["gazetteer", "title", "pattern", "dependency"]
    for d in range(n_docs):
        name = f"synthetic/{d:07d}.txt"
        rec = DocumentRecords(name, f"{d:064x}")
        n_sent = 24
        offsets = []
        start = 0
        for i in range(n_sent):
            text = f"Sentence {i} of synthetic article {d}, about platforms, regulators and their figures."
            rec.sentences.append(Sentence(i, start, start + len(text), text))
            offsets.append(start)
            start += len(text) + 1

        def ev(label: str, rule: str | None = None) -> Evidence:
            i = rng.randrange(n_sent)
            s = offsets[i] + rng.randrange(40)
            return Evidence(s, s + len(label), i, label, round(rng.uniform(0.5, 0.99), 2), rule or rng.choice(rules))

        chosen: dict[str, list[Entity]] = {}
        for cls, k in (("Platform", 4), ("Country", 3), ("Regulator", 2), ("Person", 3),
                       ("Organization", 2), ("Office", 1)):
            for _ in range(k):
                n = rng.randrange(pools[cls])
                label = f"{cls} {n}"
                ent = Entity(cls, label, label, {f"{cls[:3]}{n}"} if n % 3 == 0 else set())
                for _ in range(rng.randint(1, 3)):
                    ent.evidence.append(ev(label))
                chosen.setdefault(cls, []).append(rec.add_entity(ent))
        ids = {cls: [e.id for e in ents] for cls, ents in chosen.items()}
        pairs = [
            (ids["Platform"][0], "operatesIn", ids["Country"][0]),
            (ids["Platform"][1], "operatesIn", ids["Country"][1]),
            (ids["Regulator"][0], "regulates", ids["Platform"][0]),
            (ids["Regulator"][1], "enforcesAgainst", ids["Platform"][2]),
            (ids["Regulator"][0], "jurisdiction", ids["Country"][0]),
            (ids["Person"][0], "ceoOf", ids["Platform"][0]),
            (ids["Person"][1], "founderOf", ids["Platform"][1]),
            (ids["Person"][2], "headOf", ids["Regulator"][0]),
            (ids["Platform"][3], "ownedBy", ids["Organization"][0]),
            (ids["Platform"][0], "hasOffice", ids["Office"][0]),
            (ids["Office"][0], "locatedIn", ids["Country"][2]),
        ]
        for s, p, o in pairs:
            rec.add_relation(s, p, o, ev("relation sentence span"))
        for j in range(3):
            measure, unit = rng.choice(measures)
            value = Decimal(rng.randrange(1, 10_000)) / 10
            rec.metrics.append(Metric(value, unit, measure, ids["Platform"][j % 2],
                                      ids["Country"][j] if j < 2 else None, rng.choice(years),
                                      [ev(f"{value} {unit}")]))
        yield rec


def write_dataset(folder: Path, triples: int) -> dict:
    """Write a synthetic dataset of about ``triples`` distinct triples; return its facts.

    ``data.nq`` holds one named graph per document (what a kgbuild store holds),
    ``data.nt`` their union (what a plain rdflib Graph holds).
    """
    from kgbuild.store import GraphStore

    store = GraphStore.memory()
    store.add_many(synthetic_records(max(1, round(triples / _TRIPLES_PER_DOC))))
    (folder / "data.nq").write_bytes(store.serialize("nq"))
    (folder / "data.nt").write_bytes(store.serialize("nt"))
    # The parameters of the queries, picked from the data so that they return rows.
    kg = "PREFIX kg: <https://w3id.org/kgbuild/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
    (row,) = store.query(kg + "SELECT ?l (COUNT(?m) AS ?n) WHERE { ?m kg:subject ?p . ?p rdfs:label ?l } "
                              "GROUP BY ?l ORDER BY DESC(?n) ?l LIMIT 1")
    platform = row["l"].value
    (row,) = store.query(kg + "SELECT ?s ?o WHERE { ?x kg:regulates ?y . ?x rdfs:label ?s . ?y rdfs:label ?o } "
                              "ORDER BY ?s ?o LIMIT 1")
    return {"triples": store.triple_count(), "quads": (folder / "data.nq").read_bytes().count(b"\n"),
            "documents": len(store.graph_names()), "platform": platform,
            "fact": {"subject": row["s"].value, "relation": "regulates", "object": row["o"].value}}


# --- one backend, in its own process ----------------------------------------

def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3  # KiB on Linux


class _Timeout(Exception):
    pass


def _timed(limit: int, fn):
    """(seconds, result) of ``fn()``, or (None, None) past ``limit`` seconds."""
    def alarm(signum, frame):
        raise _Timeout

    old = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(limit)
    started = time.perf_counter()
    try:
        result = fn()
        return time.perf_counter() - started, result
    except _Timeout:
        return None, None
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _queries(facts: dict) -> dict[str, str]:
    from kgbuild.query import bind_params, get_named, with_prefixes

    return {
        "query: platforms by country": with_prefixes(get_named("platforms-by-country").sparql),
        "query: a platform's metrics": with_prefixes(bind_params(get_named("platform-metrics"),
                                                                 {"platform": facts["platform"]})),
        "query: evidence for a fact": with_prefixes(bind_params(get_named("evidence"), facts["fact"])),
    }


def run_backend(backend: str, folder: Path, facts: dict, limit: int) -> dict:
    """Load, serialise and query the dataset in ``backend``; timings in seconds, memory in MB."""
    gc.collect()
    out: dict[str, float | int | None] = {}
    base = _rss_mb()
    if backend == "rdflib":
        import rdflib

        graph = rdflib.Graph()
        out["load"], _ = _timed(limit, lambda: graph.parse(folder / "data.nt", format="nt"))
        count = len(graph)

        def write(fmt, suffix):
            return lambda: graph.serialize(destination=str(folder / f"out-rdflib.{suffix}"), format=fmt)

        def ask(sparql):
            return lambda: len(list(graph.query(sparql)))
    else:
        import pyoxigraph as ox

        from kgbuild.store import GraphStore

        holder = {}

        def load():
            # In memory: what `kgbuild query FILE.nq` does.  On disk: Oxigraph's transactional load
            # into a new store (`kgbuild build --store` adds article by article instead).
            if backend == "store-memory":
                holder["graph"] = GraphStore.load(folder / "data.nq")
            else:
                holder["graph"] = GraphStore.open(folder / "store")
                holder["graph"].oxigraph.load(path=str(folder / "data.nq"), format=ox.RdfFormat.N_QUADS)
            return holder["graph"].triple_count()  # includes building the union the queries read

        out["load"], count = _timed(limit, load)
        graph = holder["graph"]

        def write(fmt, suffix):
            return lambda: graph.write(folder / f"out-{backend}.{suffix}", fmt)

        def ask(sparql):
            return lambda: len(list(graph.query(sparql)))
    out["memory after load (MB)"] = round(_rss_mb() - base, 1)
    out["triples"] = count
    out["serialise Turtle"], _ = _timed(limit, write("turtle", "ttl"))
    out["serialise N-Triples"], _ = _timed(limit, write("nt", "nt"))
    for label, sparql in _queries(facts).items():
        out[label], rows = _timed(limit, ask(sparql))
        out[label + " (rows)"] = rows
    out["peak memory (MB)"] = round(_peak_mb(), 1)
    return out


# --- the driver ---------------------------------------------------------------

ROWS = ["load", "serialise Turtle", "serialise N-Triples", "query: platforms by country",
        "query: a platform's metrics", "query: evidence for a fact", "memory after load (MB)", "peak memory (MB)"]


def _cell(value) -> str:
    if value is None:
        return "timeout"
    if isinstance(value, float):
        return f"{value:.2f}" if value < 100 else f"{value:.0f}"
    return str(value)


def table(results: dict[str, dict], facts: dict, limit: int) -> str:
    """The Markdown table: one column per backend, and rdflib / in-memory store."""
    names = [b for b in BACKENDS if b in results]
    head = ["", *[BACKENDS[b] for b in names]]
    if BASELINE in results and "store-memory" in results:
        head.append("rdflib ÷ store")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in ROWS:
        unit = "" if "MB" in row else " (s)"
        cells = [f"{row}{unit}", *[_cell(results[b].get(row)) for b in names]]
        if len(head) > len(names) + 1:
            a, b = results[BASELINE].get(row), results["store-memory"].get(row)
            cells.append(f"{a / b:.1f}×" if a and b else "—")
        lines.append("| " + " | ".join(cells) + " |")
    rows = {b: results[b].get("query: evidence for a fact (rows)") for b in names}
    lines.append("")
    lines.append(f"{facts['triples']:,} distinct triples ({facts['quads']:,} quads in {facts['documents']:,} "
                 f"document graphs); rows of the evidence query per backend: {rows}; "
                 f"operations stopped after {limit} s show 'timeout'.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="size of the dataset (default 1,000,000)")
    parser.add_argument("--backends", default=",".join(BACKENDS), help=f"comma-separated: {', '.join(BACKENDS)}")
    parser.add_argument("--limit", type=int, default=600, help="seconds before one operation is given up")
    parser.add_argument("--workdir", type=Path, help="folder for the dataset and outputs (default: a temporary one)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        facts = json.loads((args.workdir / "facts.json").read_text())
        print(json.dumps(run_backend(args.worker, args.workdir, facts, args.limit)))
        return 0
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    unknown = set(backends) - set(BACKENDS)
    if unknown:
        parser.error(f"unknown backend(s): {', '.join(sorted(unknown))}")
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        folder = args.workdir or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        facts = write_dataset(folder, args.triples)
        (folder / "facts.json").write_text(json.dumps(facts))
        print(f"dataset: {facts['triples']:,} triples in {facts['documents']:,} documents "
              f"({time.perf_counter() - started:.0f} s to generate)", file=sys.stderr)
        results = {}
        for backend in backends:
            print(f"running {backend} …", file=sys.stderr)
            proc = subprocess.run([sys.executable, __file__, "--worker", backend, "--workdir", str(folder),
                                   "--limit", str(args.limit)], capture_output=True, text=True)
            if proc.returncode != 0:
                print(proc.stderr, file=sys.stderr)
                return 1
            results[backend] = json.loads(proc.stdout.strip().splitlines()[-1])
        machine = f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs"
        print(f"Store benchmark, {machine}\n")
        print(table(results, facts, args.limit))
        if args.json:
            args.json.write_text(json.dumps({"facts": facts, "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
