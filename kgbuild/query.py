"""SPARQL over a graph file or store, and the library of named queries.

Named queries are ``.rq`` files shipped in ``kgbuild/data/queries``; the first
comment line of each is its description.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from importlib import resources

import pyoxigraph as ox

from .errors import InvalidQuery, UnknownQueryName, choices
from .store import GraphStore
from .vocab import PREFIXES

FORMATS = ("table", "csv", "tsv", "json")


@dataclass(frozen=True)
class NamedQuery:
    """A query of the shipped library."""

    name: str
    description: str
    sparql: str


def named_queries() -> dict[str, NamedQuery]:
    """All shipped named queries by name."""
    out = {}
    folder = resources.files("kgbuild").joinpath("data", "queries")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            text = entry.read_text("utf-8")
            first = text.splitlines()[0] if text else ""
            out[entry.name[:-3]] = NamedQuery(entry.name[:-3], first.lstrip("# ").strip(), text)
    return out


def get_named(name: str) -> NamedQuery:
    """The named query ``name``, or UnknownQueryName listing the valid ones."""
    queries = named_queries()
    if name not in queries:
        raise UnknownQueryName(f"no named query {name!r}; choose one of: {choices(queries)} (see `kgbuild queries`)")
    return queries[name]


def with_prefixes(sparql: str) -> str:
    """Prepend kgbuild's prefixes that the query uses but does not declare."""
    declared = {m.lower() for m in re.findall(r"(?i)PREFIX\s+([\w-]*):", sparql)}
    lines = [f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items()
             if p not in declared and re.search(rf"\b{re.escape(p)}:", sparql)]
    return "\n".join([*lines, sparql])


_REFUSED = re.compile(r"(?i)\b(SERVICE|FROM(\s+NAMED)?\s*<|LOAD|INSERT|DELETE|CLEAR|DROP|CREATE|COPY|MOVE|ADD)\b")


@dataclass
class QueryResult:
    """Variables and rows (as strings) of a SELECT / ASK / CONSTRUCT query."""

    variables: list[str]
    rows: list[list[str | None]]
    boolean: bool | None = None


def run_query(store: GraphStore, sparql: str, allow_remote: bool = False) -> QueryResult:
    """Run a read-only SPARQL query over ``store``.

    ``SERVICE`` and ``FROM <...>`` (which would reach the network or the file
    system) are refused unless ``allow_remote``; updates are always refused.
    """
    text = with_prefixes(sparql)
    body = re.sub(r"(?m)#.*$", "", re.sub(r'"(?:[^"\\]|\\.)*"', '""', sparql))
    bad = _REFUSED.search(body)
    if bad and (not allow_remote or bad.group(1).upper() not in {"SERVICE", "FROM"}):
        word = bad.group(1).split()[0].upper()
        if word in {"SERVICE", "FROM"}:
            raise InvalidQuery(f"queries using {word} are refused by default; pass --allow-remote to allow them")
        raise InvalidQuery(f"{word}: kgbuild query runs read-only queries (SELECT, ASK, CONSTRUCT, DESCRIBE)")
    try:
        result = store.query(text)
    except SyntaxError as exc:
        raise InvalidQuery(f"invalid SPARQL: {exc}") from None
    if isinstance(result, bool):
        return QueryResult(["ask"], [[str(result).lower()]], boolean=result)
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows = [[_text(sol[v]) for v in variables] for sol in result]
        return QueryResult(variables, rows)
    rows = [[_text(t.subject), _text(t.predicate), _text(t.object)] for t in result]
    return QueryResult(["subject", "predicate", "object"], rows)


def _text(term) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.NamedNode):
        iri = term.value
        for prefix, ns in PREFIXES.items():
            if iri.startswith(ns) and re.fullmatch(r"[\w-]+", iri[len(ns):]):
                return f"{prefix}:{iri[len(ns):]}"
        return iri
    return str(term)


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render a result as an aligned table, CSV, TSV or JSON (SPARQL-results-like)."""
    if fmt not in FORMATS:
        raise InvalidQuery(f"unknown output format {fmt!r}; choose one of: {choices(FORMATS)}")
    if fmt == "json":
        return json.dumps({"head": {"vars": result.variables},
                           "results": [dict(zip(result.variables, r)) for r in result.rows]},
                          ensure_ascii=False, indent=2)
    if fmt in {"csv", "tsv"}:
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(result.variables)
        writer.writerows([["" if c is None else c for c in r] for r in result.rows])
        return buf.getvalue().rstrip("\n")
    cells = [result.variables] + [["" if c is None else c.replace("\n", " ") for c in r] for r in result.rows]
    widths = [min(60, max(len(r[i]) for r in cells)) for i in range(len(result.variables))]
    out = []
    for n, row in enumerate(cells):
        out.append("  ".join((c if len(c) <= 60 else c[:57] + "...").ljust(w) for c, w in zip(row, widths)).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    out.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(out)
