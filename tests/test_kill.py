"""A real ``kgbuild build`` killed with SIGKILL midway leaves the previous graph file and store intact."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kgbuild.store import GraphStore

pytestmark = [pytest.mark.slow, pytest.mark.model, pytest.mark.skipif(sys.platform == "win32", reason="POSIX only")]

_SENTENCES = [
    "Telegram opened a regional office in Kazakhstan on Monday.",
    "The Ministry of Digital Development said Telegram would comply with local law.",
    "Meta was fined 5 million dollars by the Turkish competition authority.",
    "TikTok has 20 million monthly active users in Brazil.",
    "Pavel Durov, the chief executive of Telegram, met officials in Astana.",
    "Roskomnadzor blocked LinkedIn in Russia after a court ruling.",
    "YouTube agreed to appoint a local representative in Turkey.",
]
# "building: 12doc [..]" or "building:  4%|▍ | 12/600 [..]": documents done so far, as tqdm prints them.
_DONE = re.compile(rb"[\s|](\d+)(?:/\d+ |doc )\[")


def _corpus(folder: Path, n: int, tag: str) -> Path:
    folder.mkdir(parents=True)
    for i in range(n):
        picked = [_SENTENCES[(i + k) % len(_SENTENCES)] for k in range(4)]
        (folder / f"{tag}-{i:04d}.txt").write_text(f"Report {tag} {i}.\n\n" + " ".join(picked) + "\n", "utf-8")
    return folder


def _kgbuild(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kgbuild", *args], capture_output=True, text=True, **kwargs)


def _graphs(store_dir: Path) -> dict[str, set[str]]:
    """The store's quads as N-Triples lines per graph name ("" for the default graph)."""
    graphs: dict[str, set[str]] = {}
    with GraphStore.open(store_dir) as store:
        for q in store.oxigraph:
            name = "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
            graphs.setdefault(name, set()).add(str(q.triple))
    return graphs


def _run_and_kill_after(args: list[str], done_before_kill: int, timeout: float = 600) -> tuple[int, bytes]:
    """Run ``kgbuild ARGS`` with stderr on a pseudo-terminal (so it shows progress); SIGKILL it mid-build."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a new pty is 0 columns wide
    proc = subprocess.Popen([sys.executable, "-m", "kgbuild", *args], stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=slave, close_fds=True)
    os.close(slave)
    seen = b""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 1.0)
            if ready:
                try:
                    seen += os.read(master, 4096)
                except OSError:  # the child closed the terminal: it ended before we killed it
                    break
                counts = [int(m) for m in _DONE.findall(seen[-400:])]
                if counts and max(counts) >= done_before_kill:
                    proc.send_signal(signal.SIGKILL)
                    break
            if proc.poll() is not None:
                break
        else:
            proc.kill()
            pytest.fail(f"no progress after {timeout}s; stderr so far: {seen[-500:]!r}")
    finally:
        rc = proc.wait()
        os.close(master)
    return rc, seen


@pytest.fixture(scope="module")
def killed(tmp_path_factory):
    """A store and graph file built from 3 articles, then a 600-article build over both SIGKILLed midway."""
    tmp = tmp_path_factory.mktemp("kill")
    out, store = tmp / "out.ttl", tmp / "kg.store"
    first = _kgbuild("build", str(_corpus(tmp / "old", 3, "old")), "-o", str(out), "--store", str(store), "-q")
    assert first.returncode == 0, first.stderr
    before = {"bytes": out.read_bytes(), "graphs": _graphs(store)}
    big = _corpus(tmp / "new", 600, "new")
    rc, progress = _run_and_kill_after(["build", str(big), "-o", str(out), "--store", str(store)], 20)
    assert rc == -signal.SIGKILL, f"the build ended by itself (exit {rc}) before it could be killed: {progress[-300:]!r}"
    return {"tmp": tmp, "out": out, "store": store, "big": big, "before": before,
            "after_kill": {"bytes": out.read_bytes(), "graphs": _graphs(store)}}


def test_sigkill_midway_keeps_the_previous_graph_file(killed):
    assert killed["after_kill"]["bytes"] == killed["before"]["bytes"], "the killed build changed the graph file"
    leftovers = sorted(p.name for p in killed["tmp"].iterdir() if p.name.startswith(".out.ttl."))
    assert leftovers == [], leftovers  # the graph file is only written at the very end


def test_sigkill_midway_leaves_every_document_whole_and_the_next_build_completes(killed):
    before, after_kill = killed["before"]["graphs"], killed["after_kill"]["graphs"]
    again = _kgbuild("build", str(killed["big"]), "-o", str(killed["out"]), "--store", str(killed["store"]), "-q")
    assert again.returncode == 0, again.stderr
    final = _graphs(killed["store"])
    assert len(final) == len(before) + 600 or len(final) == len(before) + 599  # (+ or - a default graph)
    for name, quads in after_kill.items():
        if not name:  # the default graph (a union the store may keep) holds nothing the final one does not
            assert quads <= final[""]
        elif name in before:
            assert quads == before[name], f"an old document's graph changed: {name}"
        else:
            assert quads == final[name], f"a half-written document graph: {name}"
    parsed = ox.Store()
    parsed.load(path=str(killed["out"]), format=ox.RdfFormat.TURTLE)
    assert len(parsed) > sum(map(len, before.values()))


def test_sigkill_midway_keeps_the_previous_store_contents(killed):
    # Each article is one transaction: a killed build keeps every article it finished
    # (so re-running it resumes) and leaves every earlier article exactly as it was.
    after_kill, before = killed["after_kill"]["graphs"], killed["before"]["graphs"]
    for name, quads in before.items():
        if name:
            assert after_kill.get(name) == quads, f"an earlier article's graph changed: {name}"
    assert len(after_kill) < len(before) + 600, "the build was not killed midway"


_WRITER = r"""
import os, signal, sys
from kgbuild.fileio import atomic_output
with atomic_output(sys.argv[1]) as fh:
    fh.write(b"@prefix ex: <http://example.org/> .\n" + b"ex:a ex:b ex:c .\n" * 50_000)
    fh.flush()
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_sigkill_while_writing_the_file_keeps_the_old_one_and_the_next_write_cleans_up(tmp_path):
    from kgbuild.fileio import remove_stale_temporaries, write_text

    target = tmp_path / "graph.ttl"
    target.write_text("<http://example.org/old> <http://example.org/p> 1 .\n")
    old = target.read_bytes()
    proc = subprocess.run([sys.executable, "-c", _WRITER, str(target)], capture_output=True)
    assert proc.returncode == -signal.SIGKILL
    assert target.read_bytes() == old
    (leftover,) = tmp_path.glob(".graph.ttl.*.tmp")
    assert leftover.stat().st_size > 500_000  # it really was killed mid-write

    assert remove_stale_temporaries(target) == []  # too fresh: could be a writer that has not locked it yet
    os.utime(leftover, (time.time() - 3600, time.time() - 3600))
    write_text(target, "new\n")
    assert target.read_text() == "new\n"
    assert list(tmp_path.glob(".graph.ttl.*.tmp")) == []
