"""Every error a user can make gives one line on stderr (``kgbuild: error: ...``), exit code 2, no traceback.

A few run the real ``python -m kgbuild`` in a subprocess; the rest use click's runner
in-process, which exercises the same code path faster.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kgbuild.cli import main

GOOD_TTL = '<https://w3id.org/kgbuild/id/platform/telegram> a <https://w3id.org/kgbuild/ontology#Platform> .\n'
STORY = "Telegram opened an office in Kazakhstan. Pavel Durov is the chief executive of Telegram.\n"


def _assert_one_line_error(stderr: str, rc: int, *expected: str) -> str:
    assert rc == 2, f"exit code {rc}, stderr: {stderr!r}"
    assert "Traceback" not in stderr
    assert stderr.startswith("kgbuild: error: ") and stderr.endswith("\n") and stderr.count("\n") == 1, stderr
    for text in expected:
        assert text in stderr, (text, stderr)
    return stderr


def _subprocess(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kgbuild", *map(str, args)], input=stdin, capture_output=True,
                          cwd=cwd)


def _runner(*args: str, stdin: str | None = None):
    return CliRunner().invoke(main, [str(a) for a in args], input=stdin)


@pytest.fixture
def files(tmp_path):
    (tmp_path / "g.ttl").write_text(GOOD_TTL)
    (tmp_path / "story.txt").write_text(STORY)
    (tmp_path / "folder.ttl").mkdir()
    return tmp_path


# ---------------------------------------------------------------- the real CLI in a subprocess


def test_missing_input_file_fails_before_any_work(files):
    out = files / "out.ttl"
    proc = _subprocess("build", files / "story.txt", files / "nope.txt", "-o", out)
    _assert_one_line_error(proc.stderr.decode(), proc.returncode, f"{files / 'nope.txt'}: no such file or folder")
    assert not out.exists() and proc.stdout == b""


def test_invalid_sparql_says_where(files):
    proc = _subprocess("query", files / "g.ttl", "SELECT ?s WHERE {\n  ?s ?p ")
    stderr = _assert_one_line_error(proc.stderr.decode(), proc.returncode, "invalid SPARQL")
    assert re.search(r"line 2|2:\d", stderr), stderr  # the position in the user's query, not after added prefixes


def test_unknown_format(files):
    proc = _subprocess("export", files / "g.ttl", "-o", files / "g.out", "--format", "turtel")
    _assert_one_line_error(proc.stderr.decode(), proc.returncode, "unknown RDF format 'turtel'", "turtle")
    assert not (files / "g.out").exists()


def test_unreachable_endpoint(files):
    if "push" not in main.commands:
        pytest.skip("no `kgbuild push` command in this version")
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = _subprocess("push", files / "g.ttl", "--endpoint", f"http://127.0.0.1:{port}/")
    _assert_one_line_error(proc.stderr.decode(), proc.returncode, f"127.0.0.1:{port}")


def test_a_store_in_use_by_another_process(files):
    store_dir = files / "kg.store"
    holder = ox.Store(str(store_dir))  # holds the store's write lock while kgbuild tries to open it
    try:
        proc = _subprocess("build", files / "story.txt", "--store", store_dir, "-q")
    finally:
        del holder
    _assert_one_line_error(proc.stderr.decode(), proc.returncode, str(store_dir), "in use by another process")


def test_bad_inputs_among_good_are_warned_and_exit_1_or_fatal_with_strict(files):
    (files / "in").mkdir()
    (files / "in" / "good.txt").write_text(STORY)
    (files / "in" / "empty.txt").write_text("  \n")
    (files / "in" / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    out = files / "out.ttl"
    proc = _subprocess("build", files / "in", "-o", out, "-q")
    assert proc.returncode == 1, proc.stderr
    warnings = proc.stderr.decode().splitlines()
    assert sorted(warnings) == [f"kgbuild: warning: skipped {files / 'in' / 'empty.txt'}: empty; nothing to extract",
                                f"kgbuild: warning: skipped {files / 'in' / 'image.txt'}: looks like a PNG image, "
                                "not text"]
    assert "documents  1" in proc.stdout.decode() and out.stat().st_size > 0

    out.write_text("old\n")
    strict = _subprocess("build", files / "in", "-o", out, "-q", "--strict")
    _assert_one_line_error(strict.stderr.decode(), strict.returncode, "empty.txt: empty")
    assert out.read_text() == "old\n"


def test_stdin_is_an_input(files):
    proc = _subprocess("build", "-", "-o", files / "stdin.ttl", "-q", "--json", stdin=STORY.encode("utf-16"))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["documents"] == 1


# ---------------------------------------------------------------- in-process


@pytest.mark.parametrize("argv, expected", [
    (["stats", "{d}/nope.ttl"], "nope.ttl: no such graph file"),
    (["stats", "{d}/folder.ttl"], "folder.ttl"),
    (["stats", "{d}/story.txt"], "cannot tell the RDF format of"),
    (["stats", "{d}/story.txt", "--store", "{d}/nostore"], "nostore: no such store"),
    (["stats"], "no graph given"),
    (["export", "{d}/g.ttl", "-o", "{d}/out.weird"], "cannot tell the RDF format of"),
    (["export", "{d}/g.ttl", "-o", "{d}/out.ttl", "--format", "rdfa"], "unknown RDF format 'rdfa'"),
    (["query", "{d}/g.ttl", "--name", "no-such-query"], "no named query 'no-such-query'"),
    (["query", "{d}/g.ttl", "@{d}/nope.rq"], "nope.rq"),
    (["query", "{d}/g.ttl", "SELEKT * WHERE {{}}"], "invalid SPARQL"),
    (["query", "{d}/g.ttl", "DELETE WHERE {{ ?s ?p ?o }}"], "read-only"),
    (["query", "{d}/g.ttl", "ASK {{}}", "--format", "yaml"], "'yaml' is not one of"),
    (["query", "{d}/g.ttl"], "give a QUERY"),
    (["build", "{d}/story.txt"], "give -o OUT"),
    (["build", "{d}/story.txt", "-o", "{d}/folder.ttl"], "is a directory"),
    (["build", "{d}/story.txt", "--store", "{d}/story.txt"], "is a file"),
    (["build"], "Missing argument"),
    (["build", "{d}/nope.txt", "-o", "{d}/o.ttl"], "nope.txt: no such file or folder"),
    (["nosuchcommand"], "No such command 'nosuchcommand'"),
    (["--bogus"], "No such option '--bogus'"),
    (["validate", "{d}/bad.ttl"], "bad.ttl: not valid turtle"),
    (["visualize", "{d}/g.ttl"], "Missing option '-o'"),
])
def test_user_errors_are_one_line(files, argv, expected):
    (files / "bad.ttl").write_text('<a:b> <a:c> "unterminated .\n')
    run = _runner(*[a.format(d=files) for a in argv])
    _assert_one_line_error(run.stderr, run.exit_code, expected)
    assert run.stdout == ""


def test_usage_errors_point_at_the_right_help(files):
    run = _runner("query", files / "g.ttl", "ASK {}", "--format", "yaml")
    assert run.stderr.rstrip().endswith("query --help`")


@pytest.mark.parametrize("content, expected", [
    ("{not json", "not valid JSON"),
    ("[]", "a gold key is a JSON object"),
    ('{"entities": [{"id": "x"}]}', "entity #0 needs"),
    ('{"entities": [], "relations": 5}', "relations"),
    ('{"entities": [], "metrics": [{"subject": "x", "value": "lots"}]}', "non-numeric value"),
    (b"\xff\xfe\x00garbage", "not valid JSON"),
    (None, "no such gold file"),
    ("DIR", "gold.json"),
])
def test_malformed_gold_files(files, content, expected):
    gold = files / "gold.json"
    if content == "DIR":
        gold.mkdir()
    elif isinstance(content, bytes):
        gold.write_bytes(content)
    elif content is not None:
        gold.write_text(content)
    run = _runner("evaluate", files / "g.ttl", gold)
    _assert_one_line_error(run.stderr, run.exit_code, expected)


def test_unwritable_output_keeps_the_old_file(files):
    if not Path("/proc").is_dir():
        pytest.skip("needs /proc for a path no one can create")
    run = _runner("export", files / "g.ttl", "-o", "/proc/kgbuild-nope/out.ttl")
    _assert_one_line_error(run.stderr, run.exit_code, "/proc/kgbuild-nope/out.ttl: cannot write")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_graph_file(files):
    (files / "g.ttl").chmod(0)
    try:
        run = _runner("stats", files / "g.ttl")
    finally:
        (files / "g.ttl").chmod(0o644)
    _assert_one_line_error(run.stderr, run.exit_code, "g.ttl: cannot read (Permission denied)")


def test_help_is_not_an_error():
    run = _runner("--help")
    assert run.exit_code == 0 and "Example:" in run.stdout and run.stderr == ""


def test_every_input_skipped_writes_nothing(tmp_path):
    """A build whose every input is unreadable is an error and keeps the old graph file."""
    from click.testing import CliRunner

    from kgbuild.cli import main

    out = tmp_path / "out.ttl"
    out.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\n")
    before = out.read_bytes()
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02\x03" * 64)
    result = CliRunner().invoke(main, ["build", str(tmp_path / "empty.txt"), str(tmp_path / "blob.txt"),
                                       "-o", str(out), "-q"])
    assert result.exit_code == 2
    assert "no input could be read" in result.output and "nothing was written" in result.output
    assert out.read_bytes() == before
