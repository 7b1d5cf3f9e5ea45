"""SPARQL over a graph file or store, and the library of named queries.

Named queries are ``.rq`` files shipped in ``kgbuild/data/queries``.  Their
leading comment lines describe them: the first is the description, and lines
``# param NAME: text`` declare parameters.  A parameter's value reaches the query
as the variable ``?param_NAME`` (bound by a ``VALUES`` block at the start of the
``WHERE`` group, left unbound when not given), which the query compares
case-insensitively, so ``--param platform=telegram`` narrows the rows to one
platform and leaving it out lists them all.

Queries are read-only; ``SERVICE`` (which would reach the network) and
``FROM``/``FROM NAMED`` are refused unless explicitly allowed.  The check reads
the query's tokens, so those words inside strings, IRIs, prefixed names or
comments are not mistaken for keywords.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from importlib import resources

import pyoxigraph as ox

from .errors import InvalidQuery, UnknownQueryName, choices, one_line
from .store import GraphStore
from .vocab import PREFIXES

FORMATS = ("table", "csv", "tsv", "json")


@dataclass(frozen=True)
class NamedQuery:
    """A query of the shipped library."""

    name: str
    description: str
    sparql: str
    params: dict[str, str] = field(default_factory=dict)  # name → what it means


_PARAM_LINE = re.compile(r"#\s*param\s+([A-Za-z_]\w*)\s*:\s*(.*)")


def named_queries() -> dict[str, NamedQuery]:
    """All shipped named queries by name."""
    out = {}
    folder = resources.files("kgbuild").joinpath("data", "queries")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            text = entry.read_text("utf-8")
            lines = text.splitlines()
            first = lines[0] if lines else ""
            params = {m.group(1): m.group(2).strip() for m in map(_PARAM_LINE.match, lines) if m}
            out[entry.name[:-3]] = NamedQuery(entry.name[:-3], first.lstrip("# ").strip(), text, params)
    return out


def get_named(name: str) -> NamedQuery:
    """The named query ``name``, or UnknownQueryName listing the valid ones."""
    queries = named_queries()
    if name not in queries:
        raise UnknownQueryName(f"no named query {name!r}; choose one of: {choices(queries)} (see `kgbuild queries`)")
    return queries[name]


def bind_params(query: NamedQuery, params: dict[str, str]) -> str:
    """The SPARQL of ``query`` with ``params`` bound (see the module docstring)."""
    unknown = set(params) - set(query.params)
    if unknown:
        offered = choices(query.params) if query.params else "none"
        raise InvalidQuery(f"named query {query.name!r} has no parameter {', '.join(sorted(unknown))}; "
                           f"its parameters: {offered} (see `kgbuild queries`)")
    if not params:
        return query.sparql
    where = _where_brace(query.sparql)
    values = " ".join(f"VALUES ?param_{k} {{ {_string(v)} }}" for k, v in sorted(params.items()))
    return f"{query.sparql[:where + 1]} {values}{query.sparql[where + 1:]}"


def _where_brace(sparql: str) -> int:
    # The group after WHERE (a CONSTRUCT template comes before it), else the first one.
    braces, after_where = [], []
    seen_where = False
    for token in _tokens(sparql):
        if token.kind == "word" and token.text.upper() == "WHERE":
            seen_where = True
        elif token.kind == "punct" and token.text == "{":
            (after_where if seen_where else braces).append(token.start)
    found = after_where or braces
    if not found:
        raise InvalidQuery("the query has no WHERE group to bind parameters in")
    return found[0]


def _string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def with_prefixes(sparql: str) -> str:
    """Prepend kgbuild's prefixes that the query uses but does not declare."""
    return _prefix_block(sparql) + sparql


def _prefix_block(sparql: str) -> str:
    declared = {m.lower() for m in re.findall(r"(?i)PREFIX\s+([\w-]*):", sparql)}
    lines = [f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items()
             if p not in declared and re.search(rf"(?<![\w-]){re.escape(p)}:", sparql)]
    return "".join(lines)


# --- a small SPARQL lexer: enough to tell keywords from the same letters elsewhere ----

@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    start: int


_LEXEME = re.compile(r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
              |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$]\w+)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<pname>(?:[^\W\d_][\w.-]*)?:(?:[\w:%\\-](?:[\w.:%\\-]*[\w:%\\-])?)?)
  | (?P<word>[^\W\d]\w*)
  | (?P<number>\d[\w.+-]*)
  | (?P<punct>\S)
""", re.X)

_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "COPY", "MOVE", "ADD", "WITH"}
_REMOTE_WORDS = {"SERVICE", "FROM"}


def _tokens(sparql: str):
    for m in _LEXEME.finditer(sparql):
        yield _Token(m.lastgroup, m.group(), m.start())


def _position(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def check_query(sparql: str, allow_remote: bool = False) -> None:
    """Refuse what ``run_query`` must not run; raise InvalidQuery naming the place.

    Updates always; ``SERVICE`` and ``FROM`` unless ``allow_remote``; prefixes
    that are neither declared nor kgbuild's (Oxigraph's own message for those
    is misleading).
    """
    tokens = list(_tokens(sparql))
    declared = {t.text[:-1].lower() for prev, t in zip(tokens, tokens[1:])
                if prev.kind == "word" and prev.text.upper() == "PREFIX" and t.kind == "pname"}
    for t in tokens:
        word = t.text.upper() if t.kind == "word" else None
        if word in _UPDATE_WORDS:
            raise InvalidQuery(f"{word} at {_position(sparql, t.start)}: kgbuild query runs read-only queries "
                               "(SELECT, ASK, CONSTRUCT, DESCRIBE); to change a graph, rebuild it")
        if word in _REMOTE_WORDS and not allow_remote:
            what = "reaches other SPARQL endpoints over the network" if word == "SERVICE" else \
                "names graphs or documents outside the store"
            raise InvalidQuery(f"{word} at {_position(sparql, t.start)}: refused by default ({word} {what}); "
                               "pass --allow-remote to allow it")
        if t.kind == "pname":
            prefix = t.text.split(":", 1)[0]
            if prefix.lower() not in declared and prefix not in PREFIXES:
                raise InvalidQuery(f"unknown prefix {prefix}: at {_position(sparql, t.start)}; declare it "
                                   f"(PREFIX {prefix}: <…>) or use one of kgbuild's: {choices(PREFIXES)}")


@dataclass
class QueryResult:
    """Variables and rows (as strings) of a SELECT / ASK / CONSTRUCT query."""

    variables: list[str]
    rows: list[list[str | None]]
    boolean: bool | None = None


_OXIGRAPH_POSITION = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.S)


def run_query(store: GraphStore, sparql: str, allow_remote: bool = False,
              params: dict[str, str] | None = None) -> QueryResult:
    """Run a read-only SPARQL query over the union of ``store``'s graphs.

    ``SERVICE`` and ``FROM <...>`` are refused unless ``allow_remote``; updates
    always.  A syntax error raises InvalidQuery with the line and column in
    ``sparql`` as given (kgbuild's prefixes, prepended, are not counted).
    ``params`` bind a named query's ``?param_NAME`` variables (see :func:`bind_params`).
    """
    if params:
        sparql = bind_params(_adhoc(sparql), params)
    check_query(sparql, allow_remote)
    block = _prefix_block(sparql)
    try:
        result = store.query(block + sparql)
    except SyntaxError as exc:
        raise InvalidQuery(_syntax_message(sparql, str(exc), block.count("\n"))) from None
    except OSError as exc:  # SERVICE to an unreachable endpoint, when allowed
        raise InvalidQuery(f"the query could not run: {one_line(str(exc))}") from None
    if isinstance(result, (bool, ox.QueryBoolean)):
        value = bool(result)
        return QueryResult(["ask"], [[str(value).lower()]], boolean=value)
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows = [[_text(sol[v]) for v in variables] for sol in result]
        return QueryResult(variables, rows)
    rows = [[_text(t.subject), _text(t.predicate), _text(t.object)] for t in result]
    return QueryResult(["subject", "predicate", "object"], rows)


def _adhoc(sparql: str) -> NamedQuery:
    params = {m.group(1): m.group(2) for m in map(_PARAM_LINE.match, sparql.splitlines()) if m}
    return NamedQuery("(given)", "", sparql, params)


def _syntax_message(sparql: str, message: str, shift: int) -> str:
    m = _OXIGRAPH_POSITION.match(message)
    if not m:
        return f"invalid SPARQL: {one_line(message)}"
    line, column, detail = int(m.group(1)) - shift, int(m.group(2)), one_line(m.group(3))
    lines = sparql.splitlines()
    near = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    if len(near) > 60:
        near = near[:57] + "..."
    where = f"invalid SPARQL at line {line}, column {column}: {detail}"
    return f"{where} (in: {near})" if near else where


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
