"""Pushing a graph into a triple store over HTTP: Oxigraph, Fuseki, GraphDB, Virtuoso, …

The SPARQL 1.1 Graph Store HTTP Protocol first: one ``PUT`` per named graph (one
per source document), which replaces that graph on the server, so pushing again
after adding articles is idempotent and only ever replaces kgbuild's own graphs.
Servers without it get SPARQL 1.1 Update instead: ``DROP SILENT GRAPH`` then
``INSERT DATA`` in bounded chunks.  Every request has a timeout and a bounded
number of retries (connection errors, timeouts, 5xx); afterwards one counting
query per few hundred graphs checks that the server holds what was sent.

Endpoints by server (``--endpoint`` is the Graph Store endpoint; the query and
update endpoints are derived from it and can be given explicitly):

* Oxigraph ``oxigraph serve``: ``http://host:7878/store`` (``/query``, ``/update``)
* Apache Jena Fuseki: ``http://host:3030/DATASET/data`` (``/query``, ``/update``)
* GraphDB: ``http://host:7200/repositories/REPO/rdf-graphs/service``
  (query ``…/repositories/REPO``, update ``…/repositories/REPO/statements``)
* Virtuoso: ``http://host:8890/sparql-graph-crud`` (query and update ``…/sparql``)
"""

from __future__ import annotations

import base64
import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field

import pyoxigraph as ox

from .errors import EndpointError, one_line
from .store import GraphStore

METHODS = ("auto", "graph-store", "update")
DEFAULT_TIMEOUT = 60.0
DEFAULT_RETRIES = 3
DEFAULT_CHUNK = 5_000  # triples per INSERT DATA request
_COUNT_BATCH = 200  # graphs per counting query
_USER_AGENT = "kgbuild-push"


@dataclass
class PushResult:
    """What a push did."""

    endpoint: str
    method: str  # "graph-store" or "update"
    graphs: int = 0
    triples: int = 0  # triples sent
    requests: int = 0
    retries: int = 0
    checked: bool = False  # the count check ran and matched
    seconds: float = 0.0
    graph_names: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        """A JSON-ready dict (graph names left out)."""
        return {"endpoint": self.endpoint, "method": self.method, "graphs": self.graphs, "triples": self.triples,
                "requests": self.requests, "retries": self.retries, "checked": self.checked,
                "seconds": round(self.seconds, 3)}


@dataclass(frozen=True)
class Endpoints:
    """The three URLs of a SPARQL server."""

    graph_store: str
    query: str
    update: str

    @classmethod
    def derive(cls, endpoint: str, query: str | None = None, update: str | None = None) -> Endpoints:
        """Endpoints from the Graph Store URL, by the conventions of the common servers."""
        _check_url(endpoint)
        base = endpoint.rstrip("/")
        guess_q = guess_u = base
        for tail, q, u in (("/store", "/query", "/update"), ("/data", "/query", "/update"),
                           ("/rdf-graphs/service", "", "/statements"), ("/sparql-graph-crud", "/sparql", "/sparql")):
            if base.endswith(tail):
                stem = base[: -len(tail)]
                guess_q, guess_u = stem + q, stem + u
                break
        for url in (query, update):
            if url:
                _check_url(url)
        return cls(endpoint, query or guess_q, update or guess_u)


def _check_url(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise EndpointError(f"{url!r} is not an http(s) URL; give e.g. --endpoint http://127.0.0.1:7878/store")


class _Client:
    """urllib with timeouts, bounded retries and one-line errors."""

    def __init__(self, timeout: float, retries: int, auth: str | None, result: PushResult):
        self.timeout = timeout
        self.retries = max(0, retries)
        self.result = result
        self.headers = {"User-Agent": _USER_AGENT}
        if auth:
            if ":" not in auth:
                raise EndpointError("--auth takes USER:PASSWORD")
            self.headers["Authorization"] = "Basic " + base64.b64encode(auth.encode("utf-8")).decode("ascii")

    def send(self, method: str, url: str, body: bytes | None, content_type: str | None,
             accept: str | None = None) -> tuple[int, bytes]:
        headers = dict(self.headers)
        if content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        delay = 0.5
        for attempt in range(self.retries + 1):
            self.result.requests += 1
            request = urllib.request.Request(url, data=body, method=method, headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return response.status, response.read()
            except urllib.error.HTTPError as exc:
                detail = _first_line(exc.read())
                if exc.code < 500 or attempt == self.retries:
                    return exc.code, detail.encode("utf-8")
                problem = f"HTTP {exc.code} {exc.reason}"
            except urllib.error.URLError as exc:
                problem = _reason(exc.reason)
                if attempt == self.retries:
                    raise EndpointError(_unreachable(url, problem, self.timeout)) from None
            except (TimeoutError, socket.timeout):
                problem = "timed out"
                if attempt == self.retries:
                    raise EndpointError(_unreachable(url, problem, self.timeout)) from None
            except OSError as exc:  # e.g. a connection reset mid-response
                problem = exc.strerror or str(exc)
                if attempt == self.retries:
                    raise EndpointError(_unreachable(url, problem, self.timeout)) from None
            self.result.retries += 1
            time.sleep(delay)
            delay = min(delay * 2, 8.0)
        raise AssertionError("unreachable")  # pragma: no cover


def _reason(reason) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return "timed out"
    if isinstance(reason, socket.gaierror):
        return "unknown host"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror.lower()
    return one_line(str(reason))


def _unreachable(url: str, problem: str, timeout: float) -> str:
    url = url.split("?", 1)[0]
    if problem == "timed out":
        return f"{url} did not answer within {timeout:g} s; is the server overloaded? raise --timeout or retry later"
    return f"cannot reach {url}: {problem}; is the server running?"


def _first_line(body: bytes) -> str:
    text = body.decode("utf-8", "replace").strip()
    return one_line(text.splitlines()[0] if text else "")[:200]


def _refused(what: str, url: str, status: int, detail: bytes) -> EndpointError:
    message = f"{url} refused {what}: HTTP {status}"
    if detail:
        message += f" ({detail.decode('utf-8', 'replace')})"
    hint = {401: "pass --auth USER:PASSWORD", 403: "check the account's write permission",
            404: "check --endpoint (Oxigraph: http://HOST:7878/store; Fuseki: http://HOST:3030/DATASET/data)",
            413: "the server limits request size; push per document (without --graph) or use --method update"}
    return EndpointError(f"{message}; {hint.get(status, 'check the server log')}")


def push(store: GraphStore, endpoint: str, graph: str | None = None, *, query_endpoint: str | None = None,
         update_endpoint: str | None = None, method: str = "auto", timeout: float = DEFAULT_TIMEOUT,
         retries: int = DEFAULT_RETRIES, chunk: int = DEFAULT_CHUNK, auth: str | None = None,
         check: bool = True, progress: Callable[[int, int], None] | None = None) -> PushResult:
    """Push ``store`` to the SPARQL server at ``endpoint`` (its Graph Store Protocol URL).

    Each named graph (one per document) replaces the graph of the same IRI on the
    server; with ``graph`` the union goes into that one graph instead; a store
    without named graphs (a Turtle file) goes into the server's default graph.
    ``method`` is ``"graph-store"``, ``"update"`` or ``"auto"`` (Graph Store
    Protocol, falling back to SPARQL Update when the server does not offer it).
    With ``check``, counts the triples of each pushed graph on the server after.
    Raises EndpointError (one line: what and how to fix) on any failure.
    """
    if method not in METHODS:
        raise EndpointError(f"unknown push method {method!r}; choose one of: {', '.join(METHODS)}")
    if chunk < 1:
        raise EndpointError("--chunk must be at least 1 triple")
    if graph is not None:
        _check_iri(graph)
    urls = Endpoints.derive(endpoint, query_endpoint, update_endpoint)
    started = time.perf_counter()
    result = PushResult(endpoint, "graph-store" if method != "update" else "update")
    client = _Client(timeout, retries, auth, result)
    parts = list(_parts(store, graph))
    for done, (target, data, count) in enumerate(parts, 1):
        if result.method == "graph-store":
            status, detail = _put(client, urls.graph_store, target, data)
            if method == "auto" and done == 1 and status in (404, 405, 415, 501):
                result.method = "update"  # no Graph Store Protocol here: SPARQL Update instead
            elif not 200 <= status < 300:
                raise _refused(f"the graph {target or 'default'}", urls.graph_store, status, detail)
        if result.method == "update":
            _update(client, urls.update, target, data, chunk)
        result.graphs += 1
        result.triples += count
        result.graph_names.append(target or "")
        if progress is not None:
            progress(done, len(parts))
    if check and parts:
        _check_counts(client, urls.query, [(target, count) for target, _, count in parts])
        result.checked = True
    result.seconds = time.perf_counter() - started
    return result


def _check_iri(iri: str) -> None:
    try:
        ox.NamedNode(iri)
    except ValueError:
        raise EndpointError(f"--graph {iri!r} is not an absolute IRI; give e.g. https://example.org/graphs/kgbuild") \
            from None
    if any(c in iri for c in "<>\"{}|^`\\ "):
        raise EndpointError(f"--graph {iri!r} holds characters not allowed in an IRI")


def _parts(store: GraphStore, graph: str | None):
    """(target graph IRI or None for the default graph, N-Triples, triple count) to send."""
    names = store.graph_names()
    if graph is not None or not names:
        data = store.serialize("nt")
        yield graph, data, data.count(b"\n")
        return
    for name in names:
        data = store.graph_ntriples(name)
        yield name, data, data.count(b"\n")


def _graph_url(base: str, target: str | None) -> str:
    query = "default" if target is None else "graph=" + urllib.parse.quote(target, safe="")
    return f"{base}{'&' if '?' in base else '?'}{query}"


def _put(client: _Client, base: str, target: str | None, data: bytes) -> tuple[int, bytes]:
    return client.send("PUT", _graph_url(base, target), data, "application/n-triples")


def _update(client: _Client, url: str, target: str | None, data: bytes, chunk: int) -> None:
    lines = data.decode("utf-8").splitlines(keepends=True)
    where = f"GRAPH <{target}> " if target else ""
    first = f"DROP SILENT GRAPH <{target}>" if target else "DROP SILENT DEFAULT"
    batches = [lines[i:i + chunk] for i in range(0, len(lines), chunk)] or [[]]
    for n, batch in enumerate(batches):
        ops = [first] if n == 0 else []
        if batch:
            ops.append(f"INSERT DATA {{ {where}{{\n{''.join(batch)}}} }}")
        status, detail = client.send("POST", url, " ;\n".join(ops).encode("utf-8"), "application/sparql-update")
        if not 200 <= status < 300:
            raise _refused("the SPARQL update", url, status, detail)


def _check_counts(client: _Client, url: str, expected: list[tuple[str | None, int]]) -> None:
    named = [(g, n) for g, n in expected if g is not None]
    for target, count in expected:
        if target is None:
            got = _count(client, url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
            if got.get(None, 0) < count:
                raise EndpointError(f"count check failed at {url}: the default graph holds {got.get(None, 0)} "
                                    f"triples, {count} were sent; check the server log")
    for i in range(0, len(named), _COUNT_BATCH):
        batch = named[i:i + _COUNT_BATCH]
        values = " ".join(f"<{g}>" for g, _ in batch)
        got = _count(client, url, f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} "
                                  f"GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g")
        for g, n in batch:
            if got.get(g, 0) != n:
                raise EndpointError(f"count check failed at {url}: graph <{g}> holds {got.get(g, 0)} triples "
                                    f"on the server, {n} were sent; push again, or check the server log")


def _count(client: _Client, url: str, sparql: str) -> dict[str | None, int]:
    status, body = client.send("POST", url, sparql.encode("utf-8"), "application/sparql-query",
                               accept="application/sparql-results+json")
    if not 200 <= status < 300:
        raise _refused("the counting query (pass --no-check to skip it)", url, status, body)
    try:
        rows = json.loads(body)["results"]["bindings"]
        return {(row["g"]["value"] if "g" in row else None): int(row["n"]["value"]) for row in rows}
    except (ValueError, KeyError, TypeError):
        raise EndpointError(f"{url} answered the counting query with something other than SPARQL JSON results; "
                            "give the query endpoint with --query-endpoint, or pass --no-check") from None
