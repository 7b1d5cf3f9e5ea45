"""The issue's extraction targets, measured on the dev keys in ../shared/gold/dev
(micro-averaged over keys, as `kgbuild evaluate-set` does): a regression guard."""

import pytest

from kgbuild.evaluate import evaluate_set

pytestmark = [pytest.mark.model, pytest.mark.shared]


def test_dev_set_meets_the_targets(shared):
    keys = sorted((shared / "gold" / "dev").glob("*.json"))
    assert keys, "no gold keys found"
    total, per_key = evaluate_set(keys, [shared / "seeds", shared / "corpus" / "dev"])
    summary = {r.keys[0]: (round(r.entities.f1, 3), round(r.relations.f1, 3), round(r.metrics.f1, 3)) for r in per_key}
    assert total.entities.f1 >= 0.90, summary
    assert total.relations.f1 >= 0.80, summary
    assert total.metrics.f1 >= 0.90, summary
    assert total.duplicates == 0, summary


def test_seeds_build_validates_and_scores(seeds_graph, shared):
    from click.testing import CliRunner

    from kgbuild.cli import main

    runner = CliRunner()
    result = runner.invoke(main, ["validate", str(seeds_graph)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["evaluate", str(seeds_graph), str(shared / "gold" / "dev" / "seeds.json"), "--brief"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1].startswith("entities")
