"""``ketenkaart route``, ``bottlenecks``, ``why`` and ``what-if``: the chain queries.

Every command prints a readable table, or with ``--json`` the stable JSON
shapes documented in docs/queries.md.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from cli.common import data_option, handle_errors, settings
from cli.main import cli
from graph.model import ChainModel
from loaders.load import SOURCES, load_chain
from queries.asof import as_of
from queries.bottlenecks import Rule, Severity
from queries.bottlenecks import bottlenecks as find_bottlenecks
from queries.explain import explain_handoff
from queries.routes import DEFAULT_MAX_HANDOFFS
from queries.routes import routes as find_routes
from queries.whatif import what_if as run_what_if

__all__ = ["route", "bottlenecks", "why", "what_if"]


def source_option(func):
    """``--source files|neo4j``; default neo4j when NEO4J_URI is set."""
    return click.option(
        "--source", "source", type=click.Choice(SOURCES),
        default=lambda: "neo4j" if os.environ.get("NEO4J_URI") else "files",
        show_default="files, or neo4j when NEO4J_URI is set",
        help="Where the chain is read from: the data files or the shared Neo4j store.",
    )(func)


def json_option(func):
    return click.option("--json", "as_json", is_flag=True, help="Print JSON (shapes in docs/queries.md).")(func)


def as_of_option(func):
    return click.option("--as-of", "as_of_date", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                        help="The chain as it stood on this date (YYYY-MM-DD).")(func)


def _open(source: str, data_path: Path | None, as_of_date=None) -> ChainModel:
    model = load_chain(source, settings(), data_path)
    return as_of(model, as_of_date.date()) if as_of_date else model


def _dump(payload) -> None:
    click.echo(json.dumps(payload, ensure_ascii=False, indent=2))


@cli.command()
@click.option("--from", "start", required=True, help="Organisation, signal, instrument or hand-off id.")
@click.option("--to", "end", required=True, help="Organisation, instrument or hand-off id.")
@click.option("--max-handoffs", type=click.IntRange(1, 12), default=DEFAULT_MAX_HANDOFFS, show_default=True)
@click.option("--limit", type=click.IntRange(1), default=5, show_default=True, help="At most this many routes.")
@data_option
@source_option
@as_of_option
@json_option
@handle_errors
def route(start, end, max_handoffs, limit, data_path, source, as_of_date, as_json) -> None:
    """The routes a case can take from one element to another, best first.

    \b
    Example:
        ketenkaart route --from politie-bij-huiselijk-geweldincident --to ondertoezichtstelling
        ketenkaart route --from politie --to jeugdbescherming-west --max-handoffs 4 --json
    """
    model = _open(source, data_path, as_of_date)
    found = find_routes(model, start, end, max_handoffs=max_handoffs, limit=limit)
    if as_json:
        return _dump({"start": start, "end": end, "routes": [r.as_dict(model) for r in found]})
    for number, r in enumerate(found, 1):
        click.echo(f"Route {number}: {r.reason_nl}")
        for i, step in enumerate(r.steps, 1):
            legal = ", ".join(step.legal_basis_names) or "GEEN GRONDSLAG"
            click.echo(f"  {i}. {step.from_name} → {step.to_name}  [{step.handoff}]")
            click.echo(f"     grondslag: {legal} | norm: {step.norm_nl}"
                       + (f" | instrument: {step.instrument_name}" if step.instrument else ""))
        click.echo("")


@cli.command()
@click.option("--rule", "rules", multiple=True, type=click.Choice([r.value for r in Rule]),
              help="Only this rule (repeatable).")
@click.option("--severity", type=click.Choice([s.value for s in Severity]), help="At least this severity.")
@click.option("--limit", type=click.IntRange(1), default=None, help="At most this many findings.")
@data_option
@source_option
@as_of_option
@json_option
@handle_errors
def bottlenecks(rules, severity, limit, data_path, source, as_of_date, as_json) -> None:
    """Bottlenecks and gaps in the chain, highest score first.

    \b
    Example:
        ketenkaart bottlenecks --severity high
        ketenkaart bottlenecks --rule no-legal-basis --rule ping-pong --json
    """
    found = find_bottlenecks(_open(source, data_path, as_of_date), rules=rules or None, severity=severity)[:limit]
    if as_json:
        return _dump({"findings": [f.as_dict() for f in found]})
    for f in found:
        click.echo(f"{f.score:>4}  {f.severity.value:<6} {f.rule.value:<34} {f.element}")
        click.echo(f"      {f.reason_nl}")
        click.echo(f"      bronnen: {', '.join(f.sources)}")
    click.echo(f"{len(found)} bevindingen")


def _practice_evidence(model, log_path: Path, mapping_path: Path | None, as_of_date) -> list:
    """Measured waits from a case log as ``why`` evidence (suppressed; see docs/case-logs.md)."""
    from cli.cases_commands import DEFAULT_MAPPING
    from queries.cases.evidence import PracticeEvidence
    from queries.cases.stats import analyse_log

    report = analyse_log(log_path, mapping_path=mapping_path or DEFAULT_MAPPING, model=model,
                         threshold=settings().suppression_threshold, on=as_of_date.date() if as_of_date else None)
    return [PracticeEvidence(report)]


def _register_evidence(model, use: bool | None) -> list:
    """The Doorbraakteam register's evidence (suppressed counts; see docs/register.md), when there is a register."""
    from loaders.register.connect import open_register, register_configured
    from queries.register.evidence import RegisterEvidence

    s = settings()
    if use is False or (use is None and not register_configured(s)):
        return []
    return [RegisterEvidence(open_register(s, model).snapshot(), model, threshold=s.suppression_threshold)]


@cli.command()
@click.argument("handoff_id")
@click.option("--register/--no-register", "use_register", default=None,
              help="Include the Doorbraakteam register's findings (default: when KETENKAART_DATABASE_URL is set, "
                   "the demo is on, or the default register file exists). Counts under the threshold as <5.")
@click.option("--log", "log_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Case event log (.csv, .parquet, .xes): measured waits vs the norm, small counts as <5.")
@click.option("--mapping", "mapping_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Activity mapping for --log (default: the synthetic sample's mapping).")
@data_option
@source_option
@as_of_option
@json_option
@handle_errors
def why(handoff_id, use_register, log_path, mapping_path, data_path, source, as_of_date, as_json) -> None:
    """Why does this hand-off stall? Everything known about one hand-off.

    \b
    Example:
        ketenkaart why <handoff-id>
        ketenkaart why <handoff-id> --json
        ketenkaart why <handoff-id> --log cases.parquet --mapping mapping.yaml
    """
    model = _open(source, data_path, as_of_date)
    if mapping_path is not None and log_path is None:
        raise click.UsageError("--mapping needs --log")
    evidence = _practice_evidence(model, log_path, mapping_path, as_of_date) if log_path else []
    evidence += _register_evidence(model, use_register)
    ex = explain_handoff(model, handoff_id, evidence=evidence)
    if as_json:
        return _dump(ex.as_dict(model))
    click.echo(f"{ex.name}  [{ex.handoff}]")
    click.echo(f"{ex.from_name} → {ex.to_name}; aanleiding: {ex.trigger}")
    click.echo(ex.reason_nl)
    for nl, _ in ex.points:
        click.echo(f"  - {nl}")
    for f in ex.findings:
        click.echo(f"  ! {f.severity.value:<6} {f.rule.value}: {f.reason_nl}")
    for e in ex.evidence:
        click.echo(f"{e.title_nl}:")
        for label_nl, _, value in e.figures:
            click.echo(f"  {label_nl + ':':<22} {value}")
        if e.note_nl:
            click.echo(f"  {e.note_nl}")
    click.echo(f"bronnen: {', '.join(ex.sources)}")


@cli.command(name="what-if")
@click.option("--without", "remove", multiple=True, required=True, help="Element id to remove (repeatable).")
@data_option
@source_option
@as_of_option
@json_option
@handle_errors
def what_if(remove, data_path, source, as_of_date, as_json) -> None:
    """What breaks when elements are gone: routes that break or get longer, new gaps.

    \b
    Example:
        ketenkaart what-if --without veilig-thuis-haaglanden
        ketenkaart what-if --without bw1-255 --without raad-voor-de-kinderbescherming --json
    """
    result = run_what_if(_open(source, data_path, as_of_date), remove)
    if as_json:
        return _dump(result.as_dict())
    click.echo(result.reason_nl)
    for c in result.broken:
        click.echo(f"  gebroken: {c.start} → {c.end} (was {c.before} overdrachten)")
    for c in result.longer:
        click.echo(f"  langer:   {c.start} → {c.end} ({c.before} → {c.after} overdrachten)")
    for f in result.new_findings:
        click.echo(f"  nieuw:    {f.severity.value:<6} {f.rule.value}: {f.reason_nl}")
