"""Shared fixtures.  Tests that read ../shared skip on a user's clone (which has no
../shared) and fail in CI (KGBUILD_REQUIRE_SHARED=1), where it must be present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder (gold keys, dev corpus, W3C suites)."""
    if not SHARED.is_dir():
        if os.environ.get("KGBUILD_REQUIRE_SHARED"):
            pytest.fail(f"{SHARED} is missing but KGBUILD_REQUIRE_SHARED is set (CI must run these tests)")
        pytest.skip("../shared is not beside this clone (only CI and developers have it)")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    """The real spaCy pipeline with kgbuild's components (loaded once)."""
    from kgbuild.pipeline import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seeds_graph(tmp_path_factory) -> Path:
    """The seeds built once into Turtle with the real model."""
    from kgbuild.build import build

    out = tmp_path_factory.mktemp("seeds") / "graph.ttl"
    build([SEEDS], output=out)
    return out
