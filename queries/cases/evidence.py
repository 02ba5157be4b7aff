"""Measured practice as evidence for ``why``: an :class:`queries.evidence.EvidenceProvider`.

Wraps a :class:`queries.cases.stats.PracticeReport`; figures are already
suppressed there, so a hand-off resting on fewer than 5 cases shows ``<5``
and no waits.

Examples
--------
>>> from queries.evidence import EvidenceProvider
>>> from queries.cases.suppression import suppress
>>> from queries.cases.stats import HandOffPractice, PracticeReport
>>> h = HandOffPractice("ho-politie-vt", "Politie → VT", "politie", "veilig-thuis", suppress(3), suppress(3),
...                     None, None, None, "binnen 5 werkdagen", 5, "working-days", suppress(1), None,
...                     suppress(0), suppress(3), None, suppress(0))
>>> from queries.cases.stats import UnmappedActivities
>>> report = PracticeReport("log.csv", suppress(9), suppress(3), "2025-03", "2025-04", (h,), (), (),
...                         UnmappedActivities(0, suppress(0), suppress(0)), 5, 90)
>>> provider = PracticeEvidence(report)
>>> isinstance(provider, EvidenceProvider)
True
>>> provider.evidence_for("ho-politie-vt")[0].figures[:2]
(('zaken', 'cases', '<5'), ('mediane wachttijd', 'median wait', '–'))
>>> provider.evidence_for("ho-onbekend")
()
"""

from __future__ import annotations

from cli.cases_report import fmt_days, fmt_share, norm_label
from graph.vocab import Category
from queries.cases.stats import PracticeReport
from queries.evidence import Evidence, EvidenceKind

__all__ = ["PracticeEvidence"]


class PracticeEvidence:
    """Evidence per hand-off from a measured (and suppressed) :class:`PracticeReport`."""

    def __init__(self, report: PracticeReport):
        self.report = report

    def evidence_for(self, handoff_id: str) -> tuple[Evidence, ...]:
        h = self.report.handoff(handoff_id)
        if h is None:
            return ()
        over = "–" if h.over_norm is None else f"{h.over_norm.label} ({fmt_share(h.share_over_norm)})"
        figures = (
            ("zaken", "cases", h.cases.label),
            ("mediane wachttijd", "median wait", fmt_days(h.median_wait_days)),
            ("p90 wachttijd", "p90 wait", fmt_days(h.p90_wait_days)),
            ("gemiddelde wachttijd", "mean wait", fmt_days(h.mean_wait_days)),
            ("norm", "norm", norm_label(h.norm_amount, h.norm_unit, h.norm_description)),
            ("boven de norm", "over the norm", over),
            ("uitval", "drop-off", f"{h.drop_off.label} ({fmt_share(h.share_drop_off)})"),
            ("pingpong", "ping-pong", h.ping_pong.label),
        )
        synthetic_nl = " SYNTHETISCHE gegevens, geen echte zaken." if self.report.synthetic else ""
        synthetic_en = " SYNTHETIC data, no real cases." if self.report.synthetic else ""
        period = self.report.period
        over_norm = h.over_norm is not None and not h.over_norm.suppressed and (h.over_norm.value or 0) > 0
        return (Evidence(
            kind=EvidenceKind.CASE_LOG.value,
            element=handoff_id,
            title_nl="Gemeten praktijk (zaaklog)",
            title_en="Measured practice (case log)",
            figures=figures,
            note_nl=(f"Uit {self.report.source}, {period}. Percentielen met lineaire interpolatie; aantallen onder "
                     f"{self.report.threshold} zaken als <{self.report.threshold}, afgerond op 5-tallen; wachttijden "
                     f"vanaf 10 zaken.{synthetic_nl}"),
            note_en=(f"From {self.report.source}, {period}. Percentiles by linear interpolation; counts under "
                     f"{self.report.threshold} cases shown as <{self.report.threshold}, rounded to multiples of 5; "
                     f"waits from 10 cases.{synthetic_en}"),
            sources=(f"case-log:{self.report.source}",),
            categories=(Category.WAITING,) if over_norm else (),
            period_start=self.report.first_day,
            period_end=self.report.last_day,
            # synthetic figures never confirm anything about the real chain
            confirms=over_norm and not self.report.synthetic,
        ),)
