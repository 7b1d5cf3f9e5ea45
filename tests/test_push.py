"""``kgbuild push`` against a real Oxigraph server (``oxigraph serve``, from the ``oxigraph``
package of the test extra), started on a free loopback port for this module and stopped
after it.  Failure modes use local sockets: a closed port, a server that never answers,
and one that fails twice before it works."""

from __future__ import annotations

import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from kgbuild.errors import EndpointError
from kgbuild.push import Endpoints, push
from kgbuild.store import GraphStore

from test_store import make_records


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _oxigraph() -> str:
    found = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("the oxigraph server is missing in CI: the test extra must install the 'oxigraph' package")
        pytest.skip("the oxigraph server is not installed: pip install -e '.[test]'")
    return found


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A real Oxigraph SPARQL server; yields its base URL."""
    port = _free_port()
    proc = subprocess.Popen([_oxigraph(), "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
                             "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"oxigraph serve exited: {proc.stderr.read().decode()}")
                time.sleep(0.1)
        else:
            pytest.fail("oxigraph serve did not start within 10 s")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _server_counts(base: str) -> dict[str, int]:
    sparql = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    request = urllib.request.Request(f"{base}/query", data=sparql.encode(), method="POST",
                                     headers={"Content-Type": "application/sparql-query",
                                              "Accept": "application/sparql-results+json"})
    rows = json.loads(urllib.request.urlopen(request, timeout=10).read())["results"]["bindings"]
    return {r["g"]["value"]: int(r["n"]["value"]) for r in rows}


def _store(*docs) -> GraphStore:
    store = GraphStore.memory()
    store.add_many(docs)
    return store


def test_each_document_graph_is_put_and_counted(server):
    store = _store(make_records("push-a.txt", regulator="Roskomnadzor", metric=("users", 3, "2024")),
                   make_records("push-b.txt", platforms=("TikTok",)))
    result = push(store, f"{server}/store")
    assert (result.method, result.graphs, result.checked) == ("graph-store", 2, True)
    counts = _server_counts(server)
    for name in store.graph_names():
        assert counts[name] == store.graph_ntriples(name).count(b"\n")
    assert result.triples == sum(counts[g] for g in store.graph_names())


def test_pushing_again_is_idempotent_and_a_changed_article_replaces_its_graph(server):
    store = _store(make_records("again-a.txt", platforms=("Telegram", "TikTok"), regulator="Roskomnadzor"))
    push(store, f"{server}/store")
    first = _server_counts(server)
    push(store, f"{server}/store")
    assert _server_counts(server) == first
    store.add_document(make_records("again-a.txt", platforms=("Telegram",)))  # the article was edited
    push(store, f"{server}/store")
    (name,) = store.graph_names()
    after = _server_counts(server)
    assert after[name] == store.graph_ntriples(name).count(b"\n") < first[name]
    assert {g: n for g, n in after.items() if g != name} == {g: n for g, n in first.items() if g != name}


def test_the_union_into_one_graph(server):
    store = _store(make_records("union-a.txt"), make_records("union-b.txt"))  # they share Telegram, Kazakhstan
    result = push(store, f"{server}/store", graph="https://example.org/graphs/kgbuild")
    assert result.graphs == 1 and result.checked
    assert _server_counts(server)["https://example.org/graphs/kgbuild"] == store.triple_count()


def test_sparql_update_in_bounded_chunks(server):
    store = _store(make_records("update-a.txt", platforms=("Telegram", "TikTok", "YouTube"), regulator="BTK"))
    result = push(store, f"{server}/store", method="update", chunk=7)
    (name,) = store.graph_names()
    size = store.graph_ntriples(name).count(b"\n")
    assert result.method == "update" and result.requests >= -(-size // 7) + 1  # the chunks, then the count check
    assert _server_counts(server)[name] == size
    push(store, f"{server}/store", method="update", chunk=7)  # idempotent too
    assert _server_counts(server)[name] == size


def test_a_turtle_file_goes_to_the_default_graph(server, tmp_path):
    path = tmp_path / "g.ttl"
    _store(make_records("file-a.txt")).write(path)
    result = push(GraphStore.load(path), f"{server}/store")
    assert result.graph_names == [""] and result.checked


def test_a_wrong_path_is_refused_with_the_status(server):
    with pytest.raises(EndpointError) as info:
        push(_store(make_records("x.txt")), f"{server}/nope", method="graph-store")
    message = str(info.value)
    assert message.startswith(f"{server}/nope refused the graph ") and "HTTP 404" in message
    assert "check --endpoint" in message and "\n" not in message


def test_a_server_that_is_down(tmp_path):
    port = _free_port()  # nothing listens there
    with pytest.raises(EndpointError) as info:
        push(_store(make_records("x.txt")), f"http://127.0.0.1:{port}/store", retries=1)
    assert str(info.value) == (f"cannot reach http://127.0.0.1:{port}/store: connection refused; "
                               "is the server running?")


def test_a_server_that_never_answers_times_out():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)  # accepts connections, never replies
        port = listener.getsockname()[1]
        started = time.monotonic()
        with pytest.raises(EndpointError, match=r"did not answer within 0\.3 s"):
            push(_store(make_records("x.txt")), f"http://127.0.0.1:{port}/store", timeout=0.3, retries=1)
        assert time.monotonic() - started < 20  # bounded: two tries of 0.3 s and one short back-off


class _Flaky(http.server.BaseHTTPRequestHandler):
    failures = 2
    seen: list[str] = []

    def do_PUT(self):  # noqa: N802 - http.server's naming
        self.rfile.read(int(self.headers["Content-Length"]))
        _Flaky.seen.append(self.path)
        status = 503 if len(_Flaky.seen) <= _Flaky.failures else 204
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_server_errors_are_retried_a_bounded_number_of_times():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Flaky)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/store"
        result = push(_store(make_records("x.txt")), url, retries=3, check=False)
        assert result.retries == 2 and len(_Flaky.seen) == 3
        _Flaky.seen.clear()
        _Flaky.failures = 10
        with pytest.raises(EndpointError, match="HTTP 503"):
            push(_store(make_records("x.txt")), url, retries=2, check=False)
        assert len(_Flaky.seen) == 3  # one try and two retries, no more
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_endpoints_of_common_servers():
    assert Endpoints.derive("http://h:7878/store") == Endpoints("http://h:7878/store", "http://h:7878/query",
                                                                "http://h:7878/update")
    assert Endpoints.derive("http://h:3030/kg/data").update == "http://h:3030/kg/update"
    graphdb = Endpoints.derive("http://h:7200/repositories/r/rdf-graphs/service")
    assert (graphdb.query, graphdb.update) == ("http://h:7200/repositories/r", "http://h:7200/repositories/r/statements")
    assert Endpoints.derive("http://h:8890/sparql-graph-crud").query == "http://h:8890/sparql"
    with pytest.raises(EndpointError, match="not an http"):
        Endpoints.derive("localhost:7878/store")


def test_push_command(server, tmp_path):
    path = tmp_path / "kg"
    with GraphStore.open(path) as store:
        store.add_document(make_records("cli-a.txt"))
    run = subprocess.run([sys.executable, "-m", "kgbuild", "push", "--store", str(path), "--endpoint",
                          f"{server}/store", "--json"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    summary = json.loads(run.stdout)
    assert summary["graphs"] == 1 and summary["checked"] is True and summary["method"] == "graph-store"
    down = subprocess.run([sys.executable, "-m", "kgbuild", "push", "--store", str(path), "--endpoint",
                           f"http://127.0.0.1:{_free_port()}/store", "--retries", "0"],
                          capture_output=True, text=True, timeout=120)
    assert down.returncode == 2 and down.stderr.count("\n") == 1
    assert "connection refused; is the server running?" in down.stderr
