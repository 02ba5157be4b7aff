"""The Turtle export read back through the command line: `export --format ttl`
then `validate --data file.ttl`."""

from __future__ import annotations

from click.testing import CliRunner

from cli.main import cli
from graph.examples import toy_chain
from graph.rdf import to_turtle
from graph.rdf_vocab import element_iri


def test_exported_turtle_validates_with_the_same_counts(tmp_path):
    out = tmp_path / "haaglanden.ttl"
    runner = CliRunner()
    exported = runner.invoke(cli, ["export", "--format", "ttl", "--out", str(out)])
    assert exported.exit_code == 0, exported.output
    from_ttl = runner.invoke(cli, ["validate", "--data", str(out)])
    from_yaml = runner.invoke(cli, ["validate"])
    assert from_ttl.exit_code == 0, from_ttl.output
    counts = [line for line in from_ttl.output.splitlines()[1:] if line.strip()]
    assert counts and counts == [line for line in from_yaml.output.splitlines()[1:] if line.strip()]


def test_turtle_with_a_broken_reference_fails_validation_naming_the_subject(tmp_path):
    path = tmp_path / "broken.ttl"
    path.write_text(to_turtle(toy_chain()).replace("kk:entersAt id:politie", "kk:entersAt id:polite"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", "--data", str(path)])
    assert result.exit_code != 0
    assert f"<{element_iri('toy', 'signaal-incident')}>: enters_at: unknown organisation 'polite'" in result.output
