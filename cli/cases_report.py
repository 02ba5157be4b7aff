"""Plain-text rendering of a :class:`queries.cases.stats.PracticeReport` (Dutch labels), and the check report.

Only suppressed figures reach these functions: counts are :class:`queries.cases.suppression.Count`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from graph.model import ChainModel
from graph.settings import Settings
from queries.cases.stats import PracticeReport
from queries.cases.suppression import MIN_CASES_FOR_WAITS, ROUNDING_BASE

__all__ = ["report_text", "check_text", "fmt_days", "fmt_share", "norm_label"]


def fmt_days(days: float | None) -> str:
    """``"4 d"`` for whole days (as case-log waits are shown), ``"4,2 d"`` (Dutch decimal comma), or ``"–"``.

    >>> fmt_days(4.0), fmt_days(4.25), fmt_days(None)
    ('4 d', '4,2 d', '–')
    """
    if days is None:
        return "–"
    return f"{days:.0f} d" if float(days).is_integer() else f"{days:.1f}".replace(".", ",") + " d"


def fmt_share(value: float | None) -> str:
    """``"37%"`` or ``"–"``.

    >>> fmt_share(0.371), fmt_share(None)
    ('37%', '–')
    """
    return "–" if value is None else f"{value:.0%}"


_UNIT_NL = {"hours": "uur", "calendar-days": "kalenderdagen", "working-days": "werkdagen", "weeks": "weken",
            "months": "maanden"}


def norm_label(amount: float | None, unit: str | None, description: str | None, width: int = 28) -> str:
    """A short norm label: ``"5 werkdagen"``, else the description cut to ``width``.

    >>> norm_label(5, "working-days", "binnen 5 werkdagen")
    '5 werkdagen'
    >>> norm_label(None, None, "Dezelfde nacht, direct ter plaatse")
    'Dezelfde nacht, direct ter p…'
    """
    if amount is not None and unit:
        return f"{amount:g} {_UNIT_NL.get(unit, unit)}"
    if not description:
        return "–"
    return description if len(description) <= width else description[:width] + "…"


def report_text(report: PracticeReport) -> str:
    """The report as aligned text for the terminal."""
    lines = []
    if report.synthetic:
        lines.append("SYNTHETISCHE GEGEVENS: gegenereerd, geen echte zaken.")
    lines.append(f"Bron: {report.source}  mapping: {report.mapping or '–'}  gebeurtenissen: {report.events}  "
                 f"zaken: {report.cases}  periode: {report.period}")
    lines.append(f"Percentielen: {report.percentile_method}. Aantallen onder {report.threshold} zaken: "
                 f"<{report.threshold}; x: verborgen omdat de rest onder {report.threshold} is; aantallen afgerond "
                 f"op {ROUNDING_BASE}-tallen; wachttijden in hele dagen, alleen bij {MIN_CASES_FOR_WAITS} of meer "
                 f"zaken. Uitval: geen volgende gebeurtenis binnen {report.horizon_days} dagen.")
    lines.append("")
    header = ("overdracht", "zaken", "mediaan", "p90", "gem.", "norm", "> norm", "uitval", "pingpong")
    rows: list[tuple[str, ...]] = [header]
    rows += [(h.handoff_id, h.cases.label, fmt_days(h.median_wait_days), fmt_days(h.p90_wait_days),
              fmt_days(h.mean_wait_days), norm_label(h.norm_amount, h.norm_unit, h.norm_description),
              "–" if h.over_norm is None else f"{h.over_norm.label} ({fmt_share(h.share_over_norm)})",
              f"{h.drop_off.label} ({fmt_share(h.share_drop_off)})", h.ping_pong.label) for h in report.handoffs]
    lines += _table(rows)
    if report.deviations:
        lines += ["", "Afwijkingen: overgangen tussen organisaties zonder overdracht in het model"]
        rows = [("van", "naar", "zaken", "overgangen", "mediaan", "totale wachttijd", "in model")]
        rows += [(d.from_org, d.to_org, d.cases.label, d.transitions.label, fmt_days(d.median_wait_days),
                  fmt_days(d.total_wait_days), "ja (meerduidig)" if d.in_model else "nee") for d in report.deviations]
        lines += _table(rows)
    if report.variants:
        lines += ["", "Meest voorkomende varianten"]
        for v in report.variants:
            lines.append(f"  {v.cases.label:>7}  " + " → ".join(v.activities))
    if report.unmapped.activities:
        u = report.unmapped
        lines += ["", f"Activiteiten zonder organisatie in de mapping (niet toegerekend, namen niet getoond): "
                      f"{u.activities} activiteiten, {u.events} gebeurtenissen, {u.cases} zaken"]
    for note in report.notes:
        lines.append(f"Let op: {note}")
    return "\n".join(lines)


def _table(rows: Sequence[tuple[str, ...]]) -> list[str]:
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=False)).rstrip() for r in rows]


def check_text(path: str | os.PathLike, mapping_path: str | os.PathLike, model: ChainModel, settings: Settings) -> str:
    """Load the log (privacy guard) and the mapping; report coverage. Raises on identifiers or a bad mapping."""
    from loaders.cases.events import load_events, load_mapping, private_connection
    from queries.cases.stats import practice_stats
    from queries.cases.suppression import Disclosure

    mapping = load_mapping(mapping_path, model)
    with private_connection() as con:
        log = load_events(path, con=con)
        report = practice_stats(log, mapping, model, threshold=settings.suppression_threshold)
    skipped = Disclosure(settings.suppression_threshold).part(log.skipped_rows, of=log.total_rows)
    lines = [f"{report.source}: privacycontrole geslaagd (geen BSN, e-mail, telefoonnummer, postcode, IBAN, "
             "geboortedatum, naam, adres of identificerende kolom gevonden); zaak-id's gehasht met zout.",
             f"Gebeurtenissen: {report.events}; zaken: {report.cases}; periode: {report.period}; overgeslagen rijen "
             f"zonder zaak-id, tijdstip of activiteit: {skipped}.",
             f"Mapping {mapping.source}: {len(mapping.activities)} activiteiten, {len(mapping.organisations)} "
             f"organisatienamen, {len(mapping.handoffs)} expliciete overdrachten."]
    found = [h.handoff_id for h in report.handoffs]
    lines.append(f"Overdrachten gevonden in de log ({len(found)}): " + (", ".join(found) or "geen"))
    if report.unmapped.activities:
        u = report.unmapped
        lines.append(f"Niet gemapte activiteiten (niet toegerekend; namen niet getoond, ze kunnen vrije tekst zijn): "
                     f"{u.activities} activiteiten, {u.events} gebeurtenissen, {u.cases} zaken. Vergelijk de "
                     "activiteiten van de log zelf met de mapping.")
    else:
        lines.append("Alle activiteiten zijn gemapt.")
    if report.deviations:
        lines.append(f"Overgangen tussen organisaties zonder overdracht in het model: {len(report.deviations)} paren "
                     "(zie cases stats).")
    lines += [f"Let op: {n}" for n in report.notes]
    return "\n".join(lines)
