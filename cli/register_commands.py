"""``ketenkaart register``: record, list, export and import casussen of the Doorbraakteam register.

Commands that read or write casussen log in as a register account: ``--user``
(or ``KETENKAART_USER``) and the password from a hidden prompt or
``KETENKAART_PASSWORD``. ``verify-audit`` and ``retention`` are administration
commands for whoever runs the database (they act as ``beheer:<os user>``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from pathlib import Path

import click

from cli.common import data_option, handle_errors, settings
from cli.main import cli
from loaders.load import load_chain
from loaders.register import accounts as acc
from loaders.register.connect import describe_url, open_register
from loaders.register.demo import admin, seed_demo
from loaders.register.interchange import (
    FORMATS,
    casus_to_dict,
    export_casussen,
    import_file,
)
from loaders.register.records import Principal
from loaders.register.retention import apply_retention, due_for_reduction
from loaders.register.validate import first_problem, parse_casus
from loaders.register.vocab import name

__all__ = ["register"]


def _model(data_path: Path | None):
    return load_chain("files", settings(), data_path)


def _login(register, user: str | None) -> tuple[Principal, str]:
    user = user or os.environ.get("KETENKAART_USER")
    if not user:
        raise click.UsageError("log in with --user NAME (or KETENKAART_USER); the password is asked for "
                               "or read from KETENKAART_PASSWORD")
    password = os.environ.get("KETENKAART_PASSWORD") or click.prompt(f"Wachtwoord voor {user}", hide_input=True)
    session = acc.login(register, user, password, policy=acc.Policy.from_settings(settings()))
    return session.principal, session.token


def user_option(func):
    return click.option("--user", "user", default=None, help="Register account (default: KETENKAART_USER).")(func)


def _period(start: dt.datetime | None, end: dt.datetime | None) -> tuple[dt.date, dt.date]:
    today = dt.date.today()
    return (start.date() if start else dt.date(today.year, 1, 1)), (end.date() if end else today)


date_type = click.DateTime(formats=["%Y-%m-%d"])


@cli.group()
def register() -> None:
    """The Doorbraakteam register: reviewed casussen, knelpunten and agreements.

    \b
    Example:
        ketenkaart register init
        ketenkaart register add --user lid1 --date 2026-03-02 --region den-haag --violence partnergeweld \\
            --knelpunt "vt-overdracht-lokaal-team|terugkoppeling|Geen terugkoppeling na de overdracht" \\
            --agreement "1|Lokaal team koppelt binnen 10 werkdagen terug|jeugd-en-wijkteams|teamleider|2026-04-30|werkproces"
        ketenkaart register list --user lid1
        ketenkaart register export --user lid1 --format xlsx --out register.xlsx
        ketenkaart register verify-audit
    """


@register.command()
@click.option("--demo", is_flag=True, help="Also load the FICTITIOUS demo register (only into an empty register).")
@data_option
@handle_errors
def init(demo: bool, data_path: Path | None) -> None:
    """Create or upgrade the register database (Alembic migrations)."""
    s = settings()
    reg = open_register(s)
    if demo:
        if reg.counts()["casus"] or reg.accounts():
            raise click.ClickException("the demo register is loaded only into an empty register")
        seed_demo(reg, _model(data_path))
    click.echo(f"register ready: {describe_url(s.register_url)} ({reg.counts()['casus']} casussen)")


def _split(spec: str, parts: int, what: str) -> list[str]:
    values = [p.strip() for p in spec.split("|")]
    if len(values) < parts:
        raise click.UsageError(f"{what} {spec!r}: expected {parts} or more parts separated by '|'")
    return values


@register.command()
@click.option("--code", default=None, help="Pseudonymous code (default: the next free DBT-<year>-NNN).")
@click.option("--date", "review_date", type=date_type, default=None, help="Review date (default today).")
@click.option("--region", required=True, help="Municipality id, e.g. den-haag, delft, zoetermeer.")
@click.option("--violence", multiple=True, required=True, help="Kind of violence (repeatable), e.g. partnergeweld.")
@click.option("--org", "organisations", multiple=True, help="Organisation involved (chain id; repeatable).")
@click.option("--knelpunt", "knelpunten", multiple=True, required=True,
              help="ELEMENT[;ELEMENT]|CATEGORY|DESCRIPTION[|EVIDENCE] (repeatable).")
@click.option("--agreement", "agreements", multiple=True,
              help="KNELPUNT_NR|WHAT|ORGANISATION|ROLE|DEADLINE|LEVEL[|STATUS] (repeatable).")
@user_option
@data_option
@handle_errors
def add(code, review_date, region, violence, organisations, knelpunten, agreements, user, data_path) -> None:
    """Record a casus with its knelpunten and agreements (a lid).

    \b
    Categories: wachttijd-capaciteit informatie grondslag regie terugkoppeling escalatie
                afstemming-maatregelen weigering-geen-drang uitstroom deskundigheid
    Levels: casus werkproces beleid regelgeving rijk
    """
    reg = open_register(settings())
    actor, token = _login(reg, user)
    day = review_date.date() if review_date else dt.date.today()
    raw_kps = []
    for spec in knelpunten:
        parts = _split(spec, 3, "--knelpunt")
        raw_kps.append({"elements": parts[0], "category": parts[1], "description": parts[2],
                        "evidence": parts[3] if len(parts) > 3 else None, "agreements": []})
    for spec in agreements:
        parts = _split(spec, 6, "--agreement")
        try:
            target = raw_kps[int(parts[0]) - 1]
        except (ValueError, IndexError):
            raise click.UsageError(f"--agreement {spec!r}: knelpunt number {parts[0]!r} does not exist") from None
        target["agreements"].append({"what": parts[1], "by_organisation": parts[2], "by_role": parts[3],
                                     "deadline": parts[4], "level": parts[5],
                                     "status": parts[6] if len(parts) > 6 else None})
    raw = {"code": code or reg.next_code(day.year), "review_date": day, "region": region, "violence": list(violence),
           "organisations": list(organisations), "knelpunten": raw_kps}
    parsed, problems = parse_casus(raw, _model(data_path))
    first_problem(problems)
    created = reg.add_casus(actor, parsed)
    acc.logout(reg, token, acc.Policy.from_settings(settings()))
    click.echo(f"casus {created.code} recorded with {len(created.knelpunten)} knelpunten")


@register.command("list")
@click.option("--json", "as_json", is_flag=True)
@user_option
@handle_errors
def list_(as_json: bool, user: str | None) -> None:
    """Every casus: code, review date, region, status, knelpunten, open agreements (a lid)."""
    reg = open_register(settings())
    actor, _ = _login(reg, user)
    items = reg.casussen(actor)
    if as_json:
        click.echo(json.dumps([casus_to_dict(c) for c in items if c.code], ensure_ascii=False, indent=2))
        return
    for c in items:
        open_count = sum(a.status.open for k in c.knelpunten for a in k.agreements)
        click.echo(f"{c.code or '(gereduceerd)':<14} {c.review_date}  {name(c.region or '-'):<22} "
                   f"{name(c.status):<28} {len(c.knelpunten)} knelpunten, {open_count} open afspraken")
    click.echo(f"{len(items)} casussen")


@register.command()
@click.argument("code")
@click.option("--json", "as_json", is_flag=True)
@user_option
@handle_errors
def show(code: str, as_json: bool, user: str | None) -> None:
    """One casus with its knelpunten and agreements (a lid)."""
    reg = open_register(settings())
    actor, _ = _login(reg, user)
    c = reg.casus(actor, code.upper())
    if as_json:
        click.echo(json.dumps(casus_to_dict(c), ensure_ascii=False, indent=2))
        return
    click.echo(f"{c.code}  besproken {c.review_date}  {name(c.region or '-')}  {name(c.status)}")
    click.echo(f"  geweld: {', '.join(name(v) for v in c.violence)}; organisaties: {', '.join(c.organisations)}")
    for k in c.knelpunten:
        click.echo(f"  {k.number}. [{name(k.category)}] {', '.join(k.elements)}: {k.description or ''}")
        for a in k.agreements:
            click.echo(f"     afspraak: {a.what} — {a.by_organisation} ({a.by_role or '-'}), "
                       f"uiterlijk {a.deadline or '-'}, {name(a.status)}, niveau {name(a.level)}")


@register.command()
@click.argument("code")
@user_option
@handle_errors
def close(code: str, user: str | None) -> None:
    """Close a casus (the voorzitter); its retention period starts today."""
    reg = open_register(settings())
    actor, _ = _login(reg, user)
    closed = reg.close_casus(actor, code.upper())
    click.echo(f"casus {closed.code} closed on {closed.closed_on}")


@register.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help="Default: from the file name.")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@user_option
@handle_errors
def export(fmt: str | None, out: Path, user: str | None) -> None:
    """Write every casus to a JSON, CSV or XLSX file (a lid). The file holds casus detail: keep it safe."""
    fmt = fmt or out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise click.UsageError(f"give --format ({', '.join(FORMATS)}) or an --out ending in one of them")
    reg = open_register(settings())
    actor, _ = _login(reg, user)
    data = export_casussen(reg, actor, fmt)
    partial = out.with_name(out.name + ".part")
    partial.write_bytes(data)
    partial.replace(out)  # never a half-written file under the real name
    click.echo(f"{out}: {len(data)} bytes")


@register.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@user_option
@data_option
@handle_errors
def import_(path: Path, user: str | None, data_path: Path | None) -> None:
    """Import casussen from JSON, CSV or XLSX: every problem reported by row and field, nothing stored unless all is well."""
    reg = open_register(settings())
    actor, _ = _login(reg, user)
    n = import_file(reg, actor, path, _model(data_path))
    click.echo(f"{n} casussen imported from {path}")


@register.command()
@click.option("--from", "start", type=date_type, default=None, help="Period start (default 1 January).")
@click.option("--to", "end", type=date_type, default=None, help="Period end (default today).")
@click.option("--json", "as_json", is_flag=True)
@user_option
@data_option
@handle_errors
def findings(start, end, as_json, user, data_path) -> None:
    """Where reviewed casussen got stuck, per chain element and category (counts under the threshold as <5)."""
    from queries.register.aggregates import category_totals, element_findings

    s = settings()
    reg = open_register(s)
    _login(reg, user)
    first, last = _period(start, end)
    snap = reg.snapshot()
    elements = element_findings(snap, threshold=s.suppression_threshold, start=first, end=last)
    cats = category_totals(snap, threshold=s.suppression_threshold, start=first, end=last)
    if as_json:
        click.echo(json.dumps({
            "period": [first.isoformat(), last.isoformat()], "demo": snap.demo,
            "elements": [{"element": f.element, "casussen": f.casussen.to_json(),
                          "categories": {c.value: n.to_json() for c, n in f.categories}} for f in elements],
            "categories": [{"category": c.category.value, "casussen": c.casussen.to_json()} for c in cats],
        }, ensure_ascii=False, indent=2))
        return
    if snap.demo:
        click.echo("FICTIEF demoregister — geen echte casussen")
    for f in elements:
        click.echo(f"{f.casussen.label:>4}  {f.element}: " + ", ".join(f"{n.label}× {name(c)}" for c, n in f.categories))


@register.command()
@click.option("--from", "start", type=date_type, default=None, help="Period start (default 1 January).")
@click.option("--to", "end", type=date_type, default=None, help="Period end (default today).")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="report.pdf or report.docx")
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True)
@user_option
@data_option
@handle_errors
def report(start, end, out: Path, lang: str, user, data_path) -> None:
    """The report "Overzicht bevindingen Doorbraakteam" for a period, as PDF or DOCX (no casus detail)."""
    from queries.register.report import overview
    from ui.exports.register_report import render_report

    if out.suffix.lower() not in (".pdf", ".docx"):
        raise click.UsageError("--out must end in .pdf or .docx")
    s = settings()
    reg = open_register(s)
    _login(reg, user)
    first, last = _period(start, end)
    began = time.perf_counter()
    model = _model(data_path)
    content = overview(reg.snapshot(), model, first, last, threshold=s.suppression_threshold)
    data = render_report(content, out.suffix.lower().lstrip("."), model=model, approval=reg.approval(first, last),
                         lang=lang)
    partial = out.with_name(out.name + ".part")
    partial.write_bytes(data)
    partial.replace(out)
    click.echo(f"{out}: {len(data)} bytes in {time.perf_counter() - began:.2f} s")


@register.command()
@click.option("--from", "start", type=date_type, required=True)
@click.option("--to", "end", type=date_type, required=True)
@user_option
@handle_errors
def approve(start, end, user) -> None:
    """Approve the report over a period (the voorzitter); the report then says so instead of CONCEPT."""
    reg = open_register(settings())
    actor, _ = _login(reg, user)
    done = reg.approve_report(actor, start.date(), end.date())
    click.echo(f"report {done.period_start} – {done.period_end} approved by {done.approved_by}")


@register.command("verify-audit")
@handle_errors
def verify_audit() -> None:
    """Check the hash chain of the audit trail; exit 1 when an entry was edited, deleted or inserted."""
    result = open_register(settings()).verify_audit()
    click.echo(f"{result.entries} entries, head {result.head}")
    if not result.ok:
        for problem in result.problems:
            click.echo(f"  ! {problem}", err=True)
        raise click.ClickException("the audit trail has been tampered with")
    click.echo("audit trail intact")


@register.command()
@click.option("--months", type=click.IntRange(1), default=None, help="Default: KETENKAART_REGISTER_RETENTION_MONTHS.")
@click.option("--dry-run", is_flag=True, help="Only say which casussen are due.")
@handle_errors
def retention(months: int | None, dry_run: bool) -> None:
    """Reduce closed casussen older than the retention period to their anonymous knelpunten."""
    s = settings()
    reg = open_register(s)
    months = months or s.register_retention_months
    due = due_for_reduction(reg, months) if dry_run else apply_retention(reg, admin(), months)
    click.echo(f"{len(due)} casussen {'due for reduction' if dry_run else 'reduced'} (closed more than {months} months ago)")

