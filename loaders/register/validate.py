"""Check what a form, a command or an import file gives before anything is stored.

One checker for every way in (the UI, ``ketenkaart register add``, JSON/CSV/XLSX
import): raw values (strings, lists, dates) become typed inputs
(:class:`~loaders.register.records.CasusInput` …), and every problem is
collected with the field it is about, so an import can report file, row and
field, and a form can mark the field. Free text passes
the privacy gate (:mod:`loaders.register.privacy`, all texts of a record in one scan); chain element ids are
checked against the chain model (with the one "did you mean").

>>> from graph.examples import toy_chain
>>> raw = {"code": "DBT-2026-014", "review_date": "2026-03-02", "region": "den-haag", "violence": "partnergeweld",
...        "organisations": "politie;veilig-thuis", "knelpunten": [{"elements": "ho-vt-lokaal-team",
...        "category": "terugkoppeling", "description": "Geen terugkoppeling na de overdracht."}]}
>>> casus, problems = parse_casus(raw, toy_chain())
>>> problems, casus.knelpunten[0].category.value
([], 'terugkoppeling')
>>> _, problems = parse_casus({**raw, "region": "den haag", "organisations": "politie;veilig-tuis"}, toy_chain())
>>> for p in problems: print(p)
region: unknown region 'den haag'; did you mean: den-haag?
organisations: unknown organisation 'veilig-tuis'; did you mean: veilig-thuis?
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from graph.model import ChainModel
from graph.suggest import did_you_mean
from graph.vocab import Category
from loaders.register.errors import IdentifierRefused, InvalidInput
from loaders.register.privacy import checked_length, find_identifiers_in
from loaders.register.records import (
    AgreementInput,
    CasusInput,
    KnelpuntInput,
    SystemIssueInput,
)
from loaders.register.vocab import (
    CASUS_CODE_PATTERN,
    ELEMENT_KINDS,
    REGIONS,
    AgreementStatus,
    CasusStatus,
    Level,
    SystemStatus,
    ViolenceKind,
)

__all__ = [
    "FieldProblem",
    "first_problem",
    "parse_agreement",
    "parse_casus",
    "parse_date",
    "parse_system_issue",
    "split_list",
]

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")
SYSTEM_CODE_PATTERN = r"SYS-20[0-9]{2}-[0-9]{2,3}"


@dataclass(frozen=True)
class FieldProblem:
    """One problem with one field; ``field`` is a path such as ``knelpunten[1].description``."""

    field: str
    en: str
    nl: str

    def __str__(self) -> str:
        return f"{self.field}: {self.en}"

    def error(self) -> InvalidInput:
        return InvalidInput(self.field, self.en, self.nl)


def first_problem(problems: list[FieldProblem]) -> None:
    """Raise the first problem as an :class:`InvalidInput` (forms and commands stop at the first)."""
    if problems:
        raise problems[0].error()


def split_list(value: Any) -> list[str]:
    """A list from a list, or from a ``;``- (or ``,``-) separated string; blanks dropped.

    >>> split_list("politie; veilig-thuis"), split_list(["a", ""]), split_list(None)
    (['politie', 'veilig-thuis'], ['a'], [])
    """
    if value is None:
        return []
    if isinstance(value, str):
        parts = re.split(r"[;,\n]", value)
    elif isinstance(value, Iterable):
        parts = [str(v) for v in value if v is not None]
    else:
        parts = [str(value)]
    return [p.strip() for p in parts if p and p.strip()]


def parse_date(value: Any) -> dt.date | None:
    """A date from a date, a datetime, ``YYYY-MM-DD`` or ``DD-MM-YYYY``; None for blank; ValueError otherwise.

    >>> parse_date("2026-03-02"), parse_date("02-03-2026"), parse_date("")
    (datetime.date(2026, 3, 2), datetime.date(2026, 3, 2), None)
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


class _Checker:
    """Collects problems while parsing one record."""

    def __init__(self, model: ChainModel | None):
        self.model = model
        self.problems: list[FieldProblem] = []
        self.texts: list[tuple[str, str]] = []  # (field, text) for the privacy gate, scanned at once by finish()

    def add(self, field: str, en: str, nl: str | None = None) -> None:
        self.problems.append(FieldProblem(field, en, nl or en))

    def present(self, value: T | None, field: str) -> T:
        """A required value once the record has no problems (a missing one would have added a problem)."""
        if value is None:
            raise RuntimeError(f"{field} is missing, yet no problem was recorded for it")
        return value

    def required(self, raw: Mapping[str, Any], key: str, field: str) -> Any:
        value = raw.get(key)
        if value is None or (isinstance(value, str) and not value.strip()) or value == []:
            self.add(field, "required", "verplicht")
            return None
        return value

    def date(self, raw: Mapping[str, Any], key: str, field: str, *, required: bool = False) -> dt.date | None:
        value = self.required(raw, key, field) if required else raw.get(key)
        if value is None:
            return None
        try:
            return parse_date(value)
        except ValueError:
            self.add(field, f"not a date (YYYY-MM-DD): {str(value)[:20]!r}",
                     f"geen datum (JJJJ-MM-DD): {str(value)[:20]!r}")
            return None

    def choice(self, raw: Mapping[str, Any], key: str, field: str, enum: type[E], default: E | None = None) -> E | None:
        value = raw.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if default is None:
                self.add(field, "required", "verplicht")
            return default
        text = str(value).strip()
        try:
            return enum(text)
        except ValueError:
            hint = did_you_mean(text, [e.value for e in enum])
            self.add(field, f"unknown value {text!r}{hint}", f"onbekende waarde {text!r}{hint}")
            return None

    def text(self, raw: Mapping[str, Any], key: str, field: str, *, required: bool = False) -> str | None:
        value = self.required(raw, key, field) if required else raw.get(key)
        if value is None:
            return None
        try:
            text = checked_length(field, str(value))
        except InvalidInput as exc:
            self._problem(exc)
            return None
        if text is not None:
            self.texts.append((field, text))
        return text

    def _problem(self, exc: InvalidInput) -> None:
        self.problems.append(FieldProblem(exc.field, str(exc).split(": ", 1)[1], exc.phrase.nl.split(": ", 1)[1]))

    def finish(self) -> list[FieldProblem]:
        """Pass every free text of the record through the privacy gate (one scan); return all problems."""
        if self.texts:
            for (field, _), kinds in zip(self.texts, find_identifiers_in([t for _, t in self.texts]), strict=True):
                if kinds:
                    self._problem(IdentifierRefused(field, kinds))
            self.texts = []
        return self.problems

    def element(self, element_id: str, field: str, kinds: tuple[str, ...], noun: str) -> str | None:
        if self.model is None:
            return element_id
        known = self.model.index.get(element_id)
        if known is not None and self.model.kind_of(element_id) in kinds:
            return element_id
        candidates = [e.id for kind in kinds for e in getattr(self.model, kind)]
        hint = did_you_mean(element_id, candidates)
        self.add(field, f"unknown {noun} {element_id!r}{hint}", f"onbekend(e) {noun} {element_id!r}{hint}")
        return None


def _agreement(c: _Checker, raw: Mapping[str, Any], prefix: str, default_day: dt.date | None) -> AgreementInput | None:
    what = c.text(raw, "what", f"{prefix}.what", required=True)
    by_org = c.required(raw, "by_organisation", f"{prefix}.by_organisation")
    if by_org is not None:
        by_org = c.element(str(by_org).strip(), f"{prefix}.by_organisation", ("organisations",), "organisation")
    by_role = c.text(raw, "by_role", f"{prefix}.by_role")
    deadline = c.date(raw, "deadline", f"{prefix}.deadline")
    follow_up = c.date(raw, "follow_up", f"{prefix}.follow_up")
    status = c.choice(raw, "status", f"{prefix}.status", AgreementStatus, AgreementStatus.AGREED)
    level = c.choice(raw, "level", f"{prefix}.level", Level, Level.WORK_PROCESS)
    agreed_on = c.date(raw, "agreed_on", f"{prefix}.agreed_on") or default_day
    if deadline and agreed_on and deadline < agreed_on:
        c.add(f"{prefix}.deadline", "lies before the day it was agreed", "ligt voor de dag van de afspraak")
    if what is None or by_org is None or status is None or level is None:
        return None
    return AgreementInput(what=what, by_organisation=by_org, by_role=by_role, deadline=deadline, follow_up=follow_up,
                          status=status, level=level, agreed_on=agreed_on)


def parse_agreement(raw: Mapping[str, Any], model: ChainModel | None, *, field: str = "agreement",
                    default_day: dt.date | None = None) -> tuple[AgreementInput | None, list[FieldProblem]]:
    """Check one agreement (doorbraak)."""
    c = _Checker(model)
    result = _agreement(c, raw, field, default_day)
    problems = c.finish()
    return (result if not problems else None), problems


def parse_casus(raw: Mapping[str, Any], model: ChainModel | None) -> tuple[CasusInput | None, list[FieldProblem]]:
    """Check a casus with its knelpunten and agreements; ``(input, [])`` when all is well, else ``(None, problems)``.

    ``model`` checks the chain element ids; None skips that check (only for tests of the storage layer).
    """
    c = _Checker(model)
    code = c.required(raw, "code", "code")
    if code is not None:
        code = str(code).strip().upper()
        if not re.fullmatch(CASUS_CODE_PATTERN, code):
            c.add("code", f"a pseudonymous code like DBT-2026-014, got {code[:16]!r}",
                  f"een pseudoniem als DBT-2026-014, niet {code[:16]!r}")
    review = c.date(raw, "review_date", "review_date", required=True)
    region = c.required(raw, "region", "region")
    if region is not None:
        region = str(region).strip()
        if region not in REGIONS:
            hint = did_you_mean(region, list(REGIONS))
            c.add("region", f"unknown region {region!r}{hint}", f"onbekende regio {region!r}{hint}")
    violence: list[ViolenceKind] = []
    for value in split_list(raw.get("violence")):
        try:
            violence.append(ViolenceKind(value))
        except ValueError:
            hint = did_you_mean(value, [v.value for v in ViolenceKind])
            c.add("violence", f"unknown kind of violence {value!r}{hint}", f"onbekende geweldsvorm {value!r}{hint}")
    if not split_list(raw.get("violence")):
        c.add("violence", "required", "verplicht")
    organisations = []
    for org in split_list(raw.get("organisations")):
        checked = c.element(org, "organisations", ("organisations",), "organisation")
        if checked:
            organisations.append(checked)
    status = c.choice(raw, "status", "status", CasusStatus, CasusStatus.IN_REVIEW)
    if status is CasusStatus.REDUCED:
        c.add("status", "'gereduceerd' is set by the retention only", "'gereduceerd' zet alleen de bewaartermijn")
    closed_on = c.date(raw, "closed_on", "closed_on")
    if status is CasusStatus.CLOSED and closed_on is None:
        closed_on = review
    knelpunten: list[KnelpuntInput] = []
    raw_knelpunten = raw.get("knelpunten") or []
    if not raw_knelpunten:
        c.add("knelpunten", "at least one knelpunt", "minstens één knelpunt")
    for i, kp in enumerate(raw_knelpunten):
        prefix = f"knelpunten[{i}]"
        elements = []
        ids = split_list(kp.get("elements"))
        if not ids:
            c.add(f"{prefix}.elements", "choose at least one chain element", "kies minstens één element van de keten")
        for element_id in ids:
            checked = c.element(element_id, f"{prefix}.elements", ELEMENT_KINDS, "chain element")
            if checked:
                elements.append(checked)
        category = c.choice(kp, "category", f"{prefix}.category", Category)
        description = c.text(kp, "description", f"{prefix}.description", required=True)
        evidence = c.text(kp, "evidence", f"{prefix}.evidence")
        agreements = []
        for j, ag in enumerate(kp.get("agreements") or []):
            parsed = _agreement(c, ag, f"{prefix}.agreements[{j}]", review)
            if parsed:
                agreements.append(parsed)
        if category is not None and description is not None:
            knelpunten.append(KnelpuntInput(elements=tuple(dict.fromkeys(elements)), category=category,
                                            description=description, evidence=evidence, agreements=agreements))
    if c.finish():
        return None, c.problems
    return CasusInput(code=code, review_date=c.present(review, "review_date"), region=region,
                      violence=tuple(dict.fromkeys(violence)), organisations=tuple(dict.fromkeys(organisations)),
                      status=c.present(status, "status"), closed_on=closed_on,
                      knelpunten=knelpunten), []


def parse_system_issue(raw: Mapping[str, Any],
                       model: ChainModel | None) -> tuple[SystemIssueInput | None, list[FieldProblem]]:
    """Check a systeemknelpunt (``knelpunt_ids``: the knelpunten it groups)."""
    c = _Checker(model)
    code = c.required(raw, "code", "code")
    if code is not None:
        code = str(code).strip().upper()
        if not re.fullmatch(SYSTEM_CODE_PATTERN, code):
            c.add("code", f"a code like SYS-2026-01, got {code[:16]!r}",
                  f"een code als SYS-2026-01, niet {code[:16]!r}")
    title = c.text(raw, "title", "title", required=True)
    description = c.text(raw, "description", "description")
    category = c.choice(raw, "category", "category", Category)
    level = c.choice(raw, "level", "level", Level, Level.WORK_PROCESS)
    status = c.choice(raw, "status", "status", SystemStatus, SystemStatus.SIGNALLED)
    owner = raw.get("owner_organisation")
    owner = c.element(str(owner).strip(), "owner_organisation", ("organisations",), "organisation") if owner else None
    owner_role = c.text(raw, "owner_role", "owner_role")
    ids: list[int] = []
    for value in split_list(raw.get("knelpunt_ids")):
        try:
            ids.append(int(value))
        except ValueError:
            c.add("knelpunt_ids", f"not a knelpunt number: {value[:12]!r}", f"geen knelpuntnummer: {value[:12]!r}")
    if c.finish():
        return None, c.problems
    return SystemIssueInput(code=code, title=c.present(title, "title"), category=c.present(category, "category"),
                            level=c.present(level, "level"), knelpunt_ids=tuple(ids), description=description,
                            status=c.present(status, "status"), owner_organisation=owner,
                            owner_role=owner_role), []


_FIELD_NAMES: dict[str, tuple[str, str]] = {
    "code": ("code", "code"), "review_date": ("datum bespreking", "review date"), "region": ("regio", "region"),
    "violence": ("vorm van geweld", "kind of violence"),
    "organisations": ("betrokken organisaties", "organisations involved"),
    "status": ("status", "status"), "closed_on": ("gesloten op", "closed on"),
    "knelpunten": ("knelpunten", "bottlenecks"),
    "elements": ("element van de keten", "chain element"), "category": ("categorie", "category"),
    "description": ("beschrijving", "description"), "evidence": ("besproken onderbouwing", "evidence discussed"),
    "what": ("afspraak", "agreement"), "by_organisation": ("door organisatie", "by organisation"),
    "by_role": ("rol", "role"), "deadline": ("uiterlijk", "deadline"), "follow_up": ("opvolgdatum", "follow-up date"),
    "level": ("niveau", "level"), "agreed_on": ("afgesproken op", "agreed on"), "title": ("titel", "title"),
    "owner_organisation": ("trekker", "owner"), "owner_role": ("rol trekker", "owner's role"),
    "knelpunt_ids": ("gebundelde knelpunten", "grouped bottlenecks"),
}


def field_label(path: str, lang: str = "nl") -> str:
    """A field path in words: ``knelpunten[1].agreements[0].what`` → ``knelpunt 2 · afspraak``.

    >>> field_label("knelpunten[1].agreements[0].what"), field_label("region", "en")
    ('knelpunt 2 · afspraak', 'region')
    """
    parts = []
    for part in path.split("."):
        match = re.fullmatch(r"(\w+)\[(\d+)\]", part)
        if match and match.group(1) == "knelpunten":
            parts.append(("knelpunt " if lang != "en" else "bottleneck ") + str(int(match.group(2)) + 1))
        elif match:
            continue
        else:
            nl, en = _FIELD_NAMES.get(part, (part, part))
            parts.append(en if lang == "en" else nl)
    return " · ".join(parts)
