"""The register as evidence for ``why`` and the knelpunten ranking: an :class:`~queries.evidence.EvidenceProvider`.

Per element: how many reviewed casussen stalled there, in which categories,
over which period, and what was agreed beyond the casus with its status,
e.g. *In 6 besproken casussen stokte deze overdracht, 4× terugkoppeling;
afspraak maart 2026: Veilig Thuis krijgt binnen 10 werkdagen terugkoppeling —
in uitvoering*. Counts are suppressed unless the provider is built for a
member (``suppressed=False``). Evidence from the FICTITIOUS demo register
says so and never confirms anything about the real chain.

Examples
--------
>>> from queries.evidence import EvidenceProvider
>>> from loaders.register.demo import example_snapshot
>>> provider = RegisterEvidence(example_snapshot(demo=False), suppressed=False)
>>> isinstance(provider, EvidenceProvider)
True
>>> item = provider.evidence_for("ho-vt-lokaal-team")[0]
>>> print(item.note_nl)
In 2 besproken casussen stokte deze overdracht, 2× terugkoppeling, 1× regie; afspraak maart 2026: Veilig Thuis vraagt na 10 werkdagen terugkoppeling op — in uitvoering.
>>> item.confirms, [c.value for c in item.categories]
(True, ['terugkoppeling', 'regie'])
>>> RegisterEvidence(example_snapshot(demo=False)).evidence_for("ho-vt-lokaal-team")[0].figures[0]
('besproken casussen', 'reviewed cases', '<5')
>>> provider.evidence_for("politie")
()
"""

from __future__ import annotations

import datetime as dt

from graph.settings import MIN_SUPPRESSION_THRESHOLD
from graph.text import Phrase
from graph.vocab import CATEGORY_NAMES
from loaders.register.records import Agreement, Snapshot
from loaders.register.vocab import name
from queries.evidence import Evidence, EvidenceKind
from queries.register.aggregates import ElementFinding, element_findings

__all__ = ["MONTHS", "RegisterEvidence", "agreement_phrase", "month_phrase"]

MONTHS = (Phrase("januari", "January"), Phrase("februari", "February"), Phrase("maart", "March"),
          Phrase("april", "April"), Phrase("mei", "May"), Phrase("juni", "June"), Phrase("juli", "July"),
          Phrase("augustus", "August"), Phrase("september", "September"), Phrase("oktober", "October"),
          Phrase("november", "November"), Phrase("december", "December"))

_PLACE = {
    "handoffs": Phrase("stokte deze overdracht", "this hand-off stalled"),
    "organisations": Phrase("liep het vast bij deze organisatie", "cases got stuck at this organisation"),
    "instruments": Phrase("liep het vast rond dit instrument", "cases got stuck around this instrument"),
    "legal_bases": Phrase("liep het vast op deze grondslag", "cases got stuck on this legal basis"),
}


def month_phrase(day: dt.date) -> Phrase:
    """``maart 2026`` / ``March 2026``."""
    month = MONTHS[day.month - 1]
    return Phrase(f"{month.nl} {day.year}", f"{month.en} {day.year}")


def agreement_phrase(a: Agreement) -> Phrase:
    """``afspraak maart 2026: … — in uitvoering``."""
    when = month_phrase(a.agreed_on)
    return Phrase(f"afspraak {when.nl}: {a.what} — {name(a.status, 'nl')}",
                  f"agreement {when.en}: {a.what} — {name(a.status, 'en')}")


def _kind(element_id: str, model) -> str:
    if model is not None and element_id in model.index:
        return model.kind_of(element_id)
    return "handoffs"


class RegisterEvidence:
    """Evidence per element from the Doorbraakteam register.

    Parameters
    ----------
    snapshot : Snapshot
        What the register holds (:meth:`loaders.register.repository.Register.snapshot`).
    model : ChainModel, optional
        To word the sentence for the element's kind (hand-off, organisation…).
    threshold : int
        Suppression threshold (``Settings.suppression_threshold``, at least 5).
    suppressed : bool
        True (the default) for *lezers* and everything outside the team.
    """

    def __init__(self, snapshot: Snapshot, model=None, *, threshold: int = MIN_SUPPRESSION_THRESHOLD,
                 suppressed: bool = True, start: dt.date | None = None, end: dt.date | None = None):
        self.snapshot = snapshot
        self.model = model
        self.threshold = threshold
        self.suppressed = suppressed
        self._findings = {f.element: f for f in element_findings(snapshot, threshold=threshold, suppressed=suppressed,
                                                                 start=start, end=end)}

    def finding(self, element_id: str) -> ElementFinding | None:
        return self._findings.get(element_id)

    def evidence_for(self, element_id: str) -> tuple[Evidence, ...]:
        f = self._findings.get(element_id)
        if f is None:
            return ()
        place = _PLACE.get(_kind(element_id, self.model), _PLACE["handoffs"])
        cats_nl = ", ".join(f"{n.label}× {CATEGORY_NAMES[c].nl}" for c, n in f.categories)
        cats_en = ", ".join(f"{n.label}× {CATEGORY_NAMES[c].en}" for c, n in f.categories)
        note_nl = f"In {f.casussen.label} besproken casussen {place.nl}, {cats_nl}"
        note_en = f"In {f.casussen.label} reviewed cases {place.en}, {cats_en}"
        if f.agreements:
            latest = agreement_phrase(f.agreements[0])
            note_nl += f"; {latest.nl}"
            note_en += f"; {latest.en}"
        note_nl += "."
        note_en += "."
        if self.snapshot.demo:
            note_nl += " FICTIEF demoregister, geen echte casussen."
            note_en += " FICTITIOUS demo register, no real cases."
        period = f"{f.period_start.isoformat()} – {f.period_end.isoformat()}"
        figures = [("besproken casussen", "reviewed cases", f.casussen.label), ("periode", "period", period)]
        figures += [(f"categorie: {CATEGORY_NAMES[c].nl}", f"category: {CATEGORY_NAMES[c].en}", n.label)
                    for c, n in f.categories]
        figures += [("afspraak" if i == 0 else "eerdere afspraak", "agreement" if i == 0 else "earlier agreement",
                     f"{a.what} ({name(a.level)}; {name(a.status)})") for i, a in enumerate(f.agreements[:3])]
        return (Evidence(
            kind=EvidenceKind.REGISTER.value,
            element=element_id,
            title_nl="Doorbraakteam: besproken casussen",
            title_en="Doorbraakteam: reviewed cases",
            figures=tuple(figures),
            note_nl=note_nl,
            note_en=note_en,
            sources=("register:doorbraakteam",),
            categories=f.top_categories,
            period_start=f.period_start,
            period_end=f.period_end,
            confirms=not self.snapshot.demo,
        ),)
