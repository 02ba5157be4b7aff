"""``ketenkaart cases``: generate, check and measure case event logs (norm vs practice)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from cli.common import data_option, handle_errors, settings
from cli.main import cli
from graph.settings import MIN_SUPPRESSION_THRESHOLD
from loaders.resources import SAMPLE_MAPPING, builtin_path
from queries.cases.suppression import HORIZON_STEPS

DEFAULT_MAPPING = builtin_path(SAMPLE_MAPPING)


def _model(data_path):
    from loaders.load import load_model

    return load_model(data_path)


@cli.group()
def cases() -> None:
    """Case event logs: norm vs practice per hand-off.

    \b
    Example:
        ketenkaart cases generate --events 10000 --out log.parquet
        ketenkaart cases check log.parquet
        ketenkaart cases stats log.parquet --json
    """


@cases.command()
@click.option("--events", "n_events", type=click.IntRange(min=1), required=True, help="Number of events to draw.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="Output .parquet or .csv.")
@click.option("--seed", type=int, default=2017, show_default=True, help="Seed; the same seed gives the same log.")
@handle_errors
def generate(n_events: int, out: Path, seed: int) -> None:
    """Write a SYNTHETIC event log calibrated on published figures.

    \b
    Example:
        ketenkaart cases generate --events 100000 --out synthetic.parquet --seed 1
    """
    from loaders.cases.generate import generate_events, write_events

    table = generate_events(n_events, seed=seed)
    write_events(table, out)
    click.echo(f"{out}: {table.num_rows} synthetic events (seed {seed})")


@cases.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--mapping", "mapping_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Activity mapping YAML (default: the synthetic sample's mapping).")
@data_option
@handle_errors
def check(file: Path, mapping_path: Path | None, data_path: Path | None) -> None:
    """Run the privacy guard and report what the mapping does not cover.

    \b
    Example:
        ketenkaart cases check log.csv --mapping mapping.yaml
    """
    from cli.cases_report import check_text

    click.echo(check_text(file, mapping_path or DEFAULT_MAPPING, _model(data_path), settings()))


@cases.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--mapping", "mapping_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Activity mapping YAML (default: the synthetic sample's mapping).")
@click.option("--horizon", "horizon_days", type=click.Choice([str(d) for d in HORIZON_STEPS]), default="90",
              show_default=True, callback=lambda _ctx, _param, value: int(value),
              help="Days without a next event after which a case counts as dropped off (coarse steps only, "
                   "so two runs cannot single out a few cases).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@data_option
@handle_errors
def stats(file: Path, mapping_path: Path | None, horizon_days: int, as_json: bool, data_path: Path | None) -> None:
    """Per hand-off figures: cases, waits, share over the norm, drop-off, ping-pong.

    Figures resting on fewer than 5 cases (KETENKAART_SUPPRESSION_THRESHOLD) show as <5, a part whose
    rest is below 5 as x; counts are rounded to multiples of 5, waits are whole days from 10 cases on,
    the period is given in months and unmapped activities only by count.

    \b
    Example:
        ketenkaart cases stats loaders/data/synthetic/sample-events.csv --json
    """
    from cli.cases_report import report_text
    from queries.cases.stats import analyse_log

    report = analyse_log(file, mapping_path=mapping_path or DEFAULT_MAPPING, model=_model(data_path),
                         threshold=settings().suppression_threshold or MIN_SUPPRESSION_THRESHOLD,
                         horizon_days=horizon_days)
    click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2) if as_json else report_text(report))
