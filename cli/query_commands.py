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
from graph.vocab import CATEGORY_NAMES, Category
from loaders.load import SOURCES, load_chain
from queries.asof import as_of
from queries.bottlenecks import Rule, Severity
from queries.explain import explain_handoff
from queries.knelpunten import knelpunten
from queries.routes import DEFAULT_MAX_HANDOFFS, FLOWS
from queries.routes import routes as find_routes
from queries.whatif import what_if as run_what_if

__all__ = ["bottlenecks", "route", "what_if", "why"]


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
@click.option("--flow", type=click.Choice(FLOWS), default="case", show_default=True,
              help="case: follow the case (hand-offs where the case or responsibility moves); all: also hand-offs "
                   "that only pass information.")
@data_option
@source_option
@as_of_option
@json_option
@handle_errors
def route(start, end, max_handoffs, limit, flow, data_path, source, as_of_date, as_json) -> None:
    """The routes a case takes from one element to another: the main route first, norm and practice side by side.

    \b
    Example:
        ketenkaart route --from politie-bij-huiselijk-geweldincident --to ondertoezichtstelling@jeugdbescherming-west
        ketenkaart route --from politie --to jeugdbescherming-west --max-handoffs 4 --json
        ketenkaart route --from politie --to openbaar-ministerie --flow all
    """
    model = _open(source, data_path, as_of_date)
    found = find_routes(model, start, end, max_handoffs=max_handoffs, limit=limit, flow=flow)
    if as_json:
        return _dump({"start": start, "end": end, "flow": flow, "routes": [r.as_dict(model) for r in found]})
    for number, r in enumerate(found, 1):
        click.echo(f"Route {number}: {r.reason_nl}")
        for i, step in enumerate(r.steps, 1):
            legal = ", ".join(step.legal_basis_names) or "GEEN GRONDSLAG BEKEND"
            marks = [m for m in ("hoofdroute" if step.main_route else "",
                                 "alleen informatie" if step.flow == "information" else "") if m]
            click.echo(f"  {i}. {step.from_name} → {step.to_name}  [{step.handoff}]"
                       + (f"  ({', '.join(marks)})" if marks else ""))
            practice = step.observed.text_nl if step.observed else "geen cijfer bekend"
            click.echo(f"     norm: {step.norm_nl} | in de praktijk: {practice}")
            instrument = f" | instrument: {step.instrument_name}" if step.instrument else ""
            click.echo(f"     grondslag: {legal}{instrument}")
        click.echo("")


def practice_options(command):
    """--register, --log and --mapping: the evidence from practice beside the curated records."""
    command = click.option(
        "--mapping", "mapping_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
        help="Activity mapping for --log (default: the synthetic sample's mapping).")(command)
    command = click.option(
        "--log", "log_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
        help="Case event log (.csv, .parquet, .xes): measured waits vs the norm as more evidence from practice; "
             "small counts as <5.")(command)
    return click.option(
        "--register/--no-register", "use_register", default=None,
        help="Include the Doorbraakteam register's findings (default: when KETENKAART_DATABASE_URL is set, the "
             "demo is on, or the default register file exists; the demo never confirms). Counts under the "
             "threshold as <5.")(command)


@cli.command()
@click.option("--severity", type=click.Choice([s.value for s in Severity]), default=Severity.AANDACHT.value,
              show_default=True, help="At least this severity (laag: every row).")
@click.option("--category", type=click.Choice([c.value for c in Category]), default=None,
              help="Only rows with a reason of this category.")
@click.option("--rule", "rules", multiple=True, type=click.Choice([r.value for r in Rule]),
              help="Only rows with a finding of this rule (repeatable).")
@click.option("--limit", type=click.IntRange(1), default=None, help="At most this many rows.")
@practice_options
@data_option
@source_option
@as_of_option
@json_option
@handle_errors
def bottlenecks(severity, category, rules, limit, use_register, log_path, mapping_path, data_path, source,
                as_of_date, as_json) -> None:
    """Knelpunten: one ranked row per hand-off or organisation, with all its reasons.

    hoog needs evidence from practice (docs/knelpunten.md); the shares count the whole chain.

    \b
    Example:
        ketenkaart bottlenecks
        ketenkaart bottlenecks --severity hoog --json
        ketenkaart bottlenecks --category regie --severity laag
    """
    model = _open(source, data_path, as_of_date)
    evidence = _evidence(model, use_register, log_path, mapping_path, as_of_date)
    ranking = knelpunten(model, evidence=evidence, severity=severity, category=category)
    rows = [r for r in ranking.rows if not rules or any(x.finding and x.finding.rule.value in rules
                                                         for x in r.reasons)][:limit]
    if as_json:
        payload = ranking.as_dict(model)
        payload["knelpunten"] = [r.as_dict(model) for r in rows]
        return _dump(payload)
    for number, r in enumerate(rows, 1):
        cats = ", ".join(CATEGORY_NAMES[c].nl for c in r.categories) or "-"
        click.echo(f"{number:>3}. {r.severity.value:<8} {r.name}  [{r.element}]  ({cats})")
        click.echo(f"      {r.explanation_nl}")
    summary = ranking.summary()
    click.echo(f"{len(rows)} rijen getoond. Van de {summary['elements']} overdrachten en organisaties: "
               f"{summary['hoog']} hoog ({_pct(summary['hoog_share'])}), {summary['aandacht']} aandacht, "
               f"{summary['laag']} laag; gemarkeerd (hoog of aandacht) {_pct(summary['flagged_share'])}.")


def _pct(share: float) -> str:
    return f"{round(100 * share, 1):g}%".replace(".", ",")


def _evidence(model, use_register: bool | None, log_path: Path | None, mapping_path: Path | None,
              as_of_date) -> list:
    """The providers of ``practice_options``: a case log (when given), then the register (when there is one)."""
    if mapping_path is not None and log_path is None:
        raise click.UsageError("--mapping needs --log")
    evidence = _practice_evidence(model, log_path, mapping_path, as_of_date) if log_path else []
    return evidence + _register_evidence(model, use_register)


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
@practice_options
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
    evidence = _evidence(model, use_register, log_path, mapping_path, as_of_date)
    ex = explain_handoff(model, handoff_id, evidence=evidence)
    if as_json:
        return _dump(ex.as_dict(model))
    click.echo(f"{ex.name}  [{ex.handoff}]")
    click.echo(f"{ex.from_name} → {ex.to_name}; aanleiding: {ex.trigger}")
    if ex.severity is not None:
        cats = ", ".join(CATEGORY_NAMES[c].nl for c in ex.categories) or "-"
        click.echo(f"Ernst: {ex.severity.value} (nummer {ex.rank} in de knelpuntenlijst); categorieën: {cats}")
    click.echo(ex.reason_nl)
    for title, points in (("Praktijk", ex.practice_points), ("Wet", ex.law_points),
                          ("Afspraken", ex.agreement_points), ("Structuur", ex.structure_points)):
        click.echo(f"{title}:")
        for nl, _ in points:
            click.echo(f"  - {nl}")
    for e in ex.evidence:
        if e.kind != "case-log":
            continue
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
        click.echo(f"  nieuw:    {f.level.value:<8} {f.rule.value}: {f.reason_nl}")


@cli.command()
@click.option("--set", "set_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True,
              help="Evaluation set (YAML with a knelpunten: list; see docs/knelpunten.md).")
@click.option("--top", type=click.IntRange(1), default=None,
              help="Rows that count as the top (default: as many as the set names distinct elements).")
@data_option
@source_option
@as_of_option
@json_option
@handle_errors
def evaluate(set_path, top, data_path, source, as_of_date, as_json) -> None:
    """How many knelpunten from independent public sources the ranking finds, for the reason the source gives.

    \b
    Example:
        ketenkaart evaluate --set tests/data/evaluation-set.yaml
    """
    import yaml

    from queries.evaluation import evaluate as run_evaluation
    from queries.evaluation import items_from

    raw = yaml.safe_load(set_path.read_text(encoding="utf-8")) or {}
    result = run_evaluation(_open(source, data_path, as_of_date), items_from(raw.get("knelpunten", [])), top=top)
    if as_json:
        return _dump(result.as_dict())
    for r in result.results:
        mark = "gevonden" if r.found else "gemist  "
        held = "ook zonder eigen bronnen" if r.held_out else "niet zonder eigen bronnen"
        rank = f"nummer {r.rank}" if r.rank else "geen rij"
        click.echo(f"{mark} {r.item.id}  [{r.item.element}, {r.item.category.value}]  {rank}; {held}")
    click.echo(f"Gevonden in de top {result.top} met een reden van de juiste categorie: {result.found} van de "
               f"{result.total} ({_pct(result.share)}); zonder de eigen bronnen van elk knelpunt: "
               f"{result.held_out_found} ({_pct(result.held_out_share)}). "
               f"Hoog: {_pct(result.ranking.share(Severity.HOOG))} "
               f"van de elementen; gemarkeerd: {_pct(result.ranking.share())}.")
