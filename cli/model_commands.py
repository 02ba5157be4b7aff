"""``ketenkaart validate`` and ``ketenkaart export``: check and convert the chain data."""

from __future__ import annotations

from pathlib import Path

import click

from cli.common import data_option, handle_errors, settings
from cli.main import cli
from graph.errors import ChainDataError
from loaders.build import KIND_SINGULAR
from loaders.load import load_model
from loaders.writers import FORMATS, export_text, write_export

__all__ = ["validate", "export"]


def _data(data_path: Path | None) -> Path:
    return data_path if data_path is not None else settings().data_dir


@cli.command()
@data_option
@click.option("-v", "--verbose", is_flag=True, help="Also list the ids of the unverified elements.")
@handle_errors
def validate(data_path: Path | None, verbose: bool) -> None:
    """Check the chain data; print counts per kind, or every problem.

    Exit status 0 when the data is valid, 1 when it is not; each problem is
    printed as FILE:LINE: FIELD: MESSAGE (workbooks: FILE[SHEET]:ROW).

    \b
    Example:
        ketenkaart validate
        ketenkaart validate --data keten.xlsx -v
    """
    path = _data(data_path)
    try:
        model = load_model(path)
    except ChainDataError as err:
        for problem in err.problems:
            click.echo(str(problem))
        noun = "problem" if len(err.problems) == 1 else "problems"
        raise click.ClickException(f"{path}: {len(err.problems)} {noun}; the chain data is not valid") from err
    click.echo(f"{path}: valid ({model.title or model.region})")
    for kind, count in model.counts().items():
        click.echo(f"  {kind:<14}{count:>5}")
    failure_modes = sum(len(h.failure_modes) for h in model.handoffs)
    norms = sum(h.norm is not None for h in model.handoffs)
    click.echo(f"  {'norms':<14}{norms:>5}  (on hand-offs)")
    click.echo(f"  {'failure modes':<14}{failure_modes:>5}  (on hand-offs)")
    unverified = model.unverified()
    click.echo(f"  {'unverified':<14}{len(unverified):>5}  (elements, norms, failure modes and durations)")
    if verbose:
        for element_id in unverified:
            base = element_id.split("#", 1)[0]
            click.echo(f"    {element_id}  [{KIND_SINGULAR[model.kind_of(base)]}]")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True, help="Export format.")
@data_option
@click.option("--out", type=click.Path(dir_okay=False, writable=True, path_type=Path), default=None,
              help="File to write (atomically); default standard output. Required for xlsx.")
@handle_errors
def export(fmt: str, data_path: Path | None, out: Path | None) -> None:
    """Export the chain as json, ttl, jsonld, graphml, gexf or xlsx.

    \b
    Example:
        ketenkaart export --format json > keten.json
        ketenkaart export --format ttl --out haaglanden.ttl
        ketenkaart export --format xlsx --out keten.xlsx
    """
    if fmt == "xlsx" and out is None:
        raise click.UsageError("--format xlsx writes a binary workbook: give --out FILE")
    model = load_model(_data(data_path))
    if out is None:
        click.echo(export_text(model, fmt), nl=False)
    else:
        write_export(model, fmt, out)
        click.echo(f"wrote {out}", err=True)
