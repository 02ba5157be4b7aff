"""Dutch and English text: the one way ketenkaart produces words for people.

Every text that exists in both languages is a :class:`Phrase` (Dutch first);
:meth:`Phrase.in_` picks the language. Query results carry phrases (or their
``*_nl``/``*_en`` parts), the UI catalogue (:mod:`ui.i18n`) is a table of
phrases, and :func:`element_name` names any model element in a language
(its ``name_en`` when asked for English and it has one). Kept in one place so
the CLI, the UI and the exports say the same thing.

>>> Phrase("geen normtijd", "no norm time").in_("en")
'no norm time'

>>> norm_phrase(5, "working-days")
Phrase(nl='5 werkdagen', en='5 working days')
>>> days_phrase(8.5).in_("nl")
'8,5 dagen'
>>> join_nl(["politie", "Veilig Thuis", "de Raad"])
'politie, Veilig Thuis en de Raad'
>>> join_en(["a", "b", "c"])
'a, b and c'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph.model import HandOff, LegalBasisKind, Norm, NormUnit
from graph.phrase import Phrase

__all__ = [
    "LANGUAGES",
    "LEGAL_BASIS_KIND_NAMES",
    "Phrase",
    "days_phrase",
    "display_name",
    "element_name",
    "handoff_title",
    "join_en",
    "join_nl",
    "norm_phrase",
    "norm_text",
    "number",
]

LANGUAGES = ("nl", "en")


_UNITS = {
    NormUnit.HOURS: ("uur", "uur", "hour", "hours"),
    NormUnit.CALENDAR_DAYS: ("dag", "dagen", "day", "days"),
    NormUnit.WORKING_DAYS: ("werkdag", "werkdagen", "working day", "working days"),
    NormUnit.WEEKS: ("week", "weken", "week", "weeks"),
    NormUnit.MONTHS: ("maand", "maanden", "month", "months"),
}


# What each kind of legal basis is called (the strength order of graph.model.LegalBasisKind).
LEGAL_BASIS_KIND_NAMES: dict[LegalBasisKind, Phrase] = {
    LegalBasisKind.STATUTE: Phrase("wet in formele zin", "statute"),
    LegalBasisKind.DECREE: Phrase("besluit (AMvB)", "decree"),
    LegalBasisKind.REGULATION: Phrase("ministeriële regeling", "ministerial regulation"),
    LegalBasisKind.EU_REGULATION: Phrase("EU-verordening", "EU regulation"),
    LegalBasisKind.POLICY_RULE: Phrase("aanwijzing of beleidsregel", "instruction or policy rule"),
    LegalBasisKind.COVENANT: Phrase("convenant", "covenant"),
    LegalBasisKind.MODEL_AGREEMENT: Phrase("modelafspraak", "model agreement"),
    LegalBasisKind.POLICY: Phrase("beleid of opdracht", "policy or assignment"),
}


def handoff_title(handoff: HandOff, lang: str = "nl") -> str:
    """A hand-off's name (English when asked and known), or its trigger when it has no name (never bare ids)."""
    if lang == "en" and handoff.name_en:
        return handoff.name_en
    return handoff.name or handoff.trigger


def element_name(element: Any, lang: str = "nl") -> str:
    """What to call any model element in ``lang``: ``name_en`` for English when it has one,
    a hand-off's title, else its name.

    >>> from graph.examples import toy_chain
    >>> element_name(toy_chain().get("signalering"), "en"), element_name(toy_chain().get("politie"), "en")
    ('Signalling', 'Politie')
    """
    if isinstance(element, HandOff):
        return handoff_title(element, lang)
    if lang == "en" and getattr(element, "name_en", None):
        return str(element.name_en)
    return str(getattr(element, "name", None) or element.id)


def display_name(element: Any) -> str:
    """What to call any model element in a Dutch sentence (see :func:`element_name`)."""
    return element_name(element, "nl")


def number(value: float, lang: str = "nl") -> str:
    """A number without a trailing ``.0``; Dutch uses a decimal comma."""
    text = f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
    return text.replace(".", ",") if lang == "nl" else text


def norm_phrase(amount: float, unit: str) -> Phrase:
    """An amount of a :class:`~graph.model.NormUnit` in words."""
    nl1, nln, en1, enn = _UNITS[NormUnit(unit)]
    one = float(amount) == 1
    return Phrase(f"{number(amount)} {nl1 if one else nln}", f"{number(amount, 'en')} {en1 if one else enn}")


def norm_text(norm: Norm | None) -> Phrase:
    """A norm in words, or its absence."""
    if norm is None:
        return Phrase("geen normtijd", "no norm time")
    if norm.amount is None or norm.unit is None:
        return Phrase(norm.description, norm.description)
    nl, en = norm_phrase(norm.amount, norm.unit)
    return Phrase(f"{nl} ({norm.description})", f"{en} ({norm.description})")


def days_phrase(days: float) -> Phrase:
    """A number of calendar days in words."""
    return norm_phrase(round(days, 1), NormUnit.CALENDAR_DAYS)


def _join(items: Sequence[str], word: str) -> str:
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def join_nl(items: Sequence[str]) -> str:
    """Dutch enumeration: ``a, b en c``."""
    return _join(items, "en")


def join_en(items: Sequence[str]) -> str:
    """English enumeration: ``a, b and c``."""
    return _join(items, "and")
