"""The domain model of the chain: one set of typed, immutable objects.

Every loader builds a :class:`ChainModel`; every projection (networkx, RDF,
Neo4j) reads one. Nothing here does I/O.

A hand-off is a first-class object (:class:`HandOff`), not a bare edge: it has
its own trigger, legal basis for the data exchange, norm, regie, feedback,
escalation route and known failure modes, each with sources.

Examples
--------
>>> src = Source(id="seed-brief", kind=SourceKind.SEED, title="Brief burgemeester",
...              file="000_d75dd9ff81673a36.txt", date="2018")
>>> lb = LegalBasis(id="wth-art-2", law_name="Wet tijdelijk huisverbod",
...                 bwb_id="BWBR0024649", article="2", sources=("seed-brief",))
>>> lb.juriconnect
'jci1.3:c:BWBR0024649&artikel=2'
>>> lb.url
'https://wetten.overheid.nl/jci1.3:c:BWBR0024649&artikel=2'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from graph.errors import UnknownElement
from graph.suggest import nearest
from graph.vocab import Category

if TYPE_CHECKING:  # pragma: no cover
    from graph.view import ChainView

__all__ = [
    "BINDING_LAW",
    "ELEMENT_KINDS",
    "KIND_SINGULAR",
    "VERIFYING_AUTHORITIES",
    "WAIT_METRICS",
    "Assessment",
    "ChainModel",
    "Domain",
    "Duration",
    "Element",
    "FailureMode",
    "HandOff",
    "Instrument",
    "LegalBasis",
    "LegalBasisKind",
    "Metric",
    "Norm",
    "NormKind",
    "NormUnit",
    "Observation",
    "Organisation",
    "OrganisationKind",
    "Passes",
    "Phase",
    "RegieHolder",
    "Signal",
    "Source",
    "SourceAuthority",
    "SourceKind",
    "Status",
    "is_valid_on",
    "period_bounds",
]


class Status(StrEnum):
    """Whether a fact was checked against its source."""

    VERIFIED = "verified"
    UNVERIFIED = "unverified"


class SourceKind(StrEnum):
    SEED = "seed"  # a founding document in shared/seeds
    LAW = "law"  # a law text (wetten.overheid.nl or a mirror)
    CASE_LAW = "case-law"  # a court ruling (ECLI)
    REPORT = "report"  # an inspection or research report
    POLICY = "policy"  # a policy document, convenant, aanwijzing, protocol
    NEWS = "news"
    WEB = "web"  # an organisation's own web page


class SourceAuthority(StrEnum):
    """How authoritative a source is for the facts it is cited for.

    Only an official or primary source can make a fact ``verified``: an
    official publication (wetten.overheid.nl, Staatsblad, Staatscourant,
    Kamerstukken, Rijksoverheid), a court ruling (rechtspraak.nl), an
    inspection or research report, or an organisation's own page about itself.
    A secondary copy (a mirror of a law text, a copy of a document on a
    third-party site, a commentary) may point to an official source but never
    verifies; neither does news.

    >>> SourceAuthority.SECONDARY_COPY.verifies, SourceAuthority.COURT_RULING.verifies
    (False, True)
    """

    OFFICIAL = "official-publication"
    COURT_RULING = "court-ruling"
    REPORT = "inspection-report"  # an inspection or research report
    OWN_PAGE = "own-page"  # an organisation's own page (primary for facts about itself)
    SECONDARY_COPY = "secondary-copy"
    NEWS = "news"

    @property
    def verifies(self) -> bool:
        """Whether a source of this authority can make a fact verified."""
        return self in VERIFYING_AUTHORITIES


VERIFYING_AUTHORITIES: frozenset[SourceAuthority] = frozenset({
    SourceAuthority.OFFICIAL,
    SourceAuthority.COURT_RULING,
    SourceAuthority.REPORT,
    SourceAuthority.OWN_PAGE,
})


class OrganisationKind(StrEnum):
    ORGANISATION = "organisation"
    POST = "post"  # burgemeester, hulpofficier van justitie, kinderrechter
    COLLABORATION = "collaboration"  # Zorg- en Veiligheidshuis, MDA++, Doorbraakteam
    PERSON = "person"  # a member of the family: the victim, a child, the person barred from the home


class Domain(StrEnum):
    ZORG = "zorg"
    VEILIGHEID_STRAF = "veiligheid-straf"
    BESTUUR = "bestuur"
    JEUGDBESCHERMING = "jeugdbescherming"


class Passes(StrEnum):
    """What crosses the boundary at a hand-off."""

    INFORMATION = "information"
    CASE = "case"
    RESPONSIBILITY = "responsibility"


class NormUnit(StrEnum):
    HOURS = "hours"
    CALENDAR_DAYS = "calendar-days"
    WORKING_DAYS = "working-days"
    WEEKS = "weeks"
    MONTHS = "months"


# Calendar-day equivalents used to add norms of different units together.
# Working days count 7/5 (a working week is a calendar week); a month is 30 days.
CALENDAR_DAYS_PER_UNIT: dict[NormUnit, float] = {
    NormUnit.HOURS: 1 / 24,
    NormUnit.CALENDAR_DAYS: 1.0,
    NormUnit.WORKING_DAYS: 7 / 5,
    NormUnit.WEEKS: 7.0,
    NormUnit.MONTHS: 30.0,
}


class NormKind(StrEnum):
    STATUTORY = "statutory"  # in a law or AMvB
    AGREED = "agreed"  # a sector norm or chain agreement
    PRACTICE = "practice"  # described practice, not binding


class LegalBasisKind(StrEnum):
    """What kind of rule a legal basis is, strongest first (see :data:`BINDING_LAW`)."""

    STATUTE = "statute"  # wet in formele zin (has a BWB id)
    DECREE = "decree"  # algemene maatregel van bestuur / besluit (has a BWB id)
    REGULATION = "regulation"  # ministeriele regeling (has a BWB id)
    EU_REGULATION = "eu-regulation"  # e.g. AVG (CELEX id): a frame; art. 6(3) AVG asks for a basis in national law
    POLICY_RULE = "policy-rule"  # instruction: beleidsregel or aanwijzing, e.g. OM-aanwijzing
    COVENANT = "covenant"  # local convenant or samenwerkingsafspraak
    MODEL_AGREEMENT = "model-agreement"  # a model for local agreements, e.g. VNG model samenwerkingsafspraken
    POLICY = "policy"  # no legal instrument: a programme, an assignment or an agreement


# The kinds that are Dutch law binding on everyone: only these, verified, carry an exchange of
# special-category data (health and criminal data, art. 9 and 10 AVG) on their own.
BINDING_LAW: frozenset[LegalBasisKind] = frozenset(
    {LegalBasisKind.STATUTE, LegalBasisKind.DECREE, LegalBasisKind.REGULATION}
)


class RegieHolder(StrEnum):
    """Who holds regie while the receiver of a hand-off has not started yet (a waiting list)."""

    SENDER = "sender"
    RECEIVER = "receiver"
    UNCLEAR = "unclear"


class Metric(StrEnum):
    """What an :class:`Observation` measures."""

    MEDIAN_WAIT = "median-wait"
    P90_WAIT = "p90-wait"
    MEAN_WAIT = "mean-wait"
    WAITING_LIST = "waiting-list"  # cases or people waiting at a moment
    SHARE_WITHIN_NORM = "share-within-norm"  # percent of cases handled within the norm
    ORGANISATIONS_MEETING_NORM = "organisations-meeting-norm"  # how many organisations meet a norm
    LATE_VOLUME = "late-volume"  # cases over the norm (or without a place) in a period
    CAPACITY = "capacity"
    OCCUPANCY = "occupancy"
    MEAN_STAY = "mean-stay"
    VOLUME = "volume"  # cases in a period
    SHARE = "share"  # percent of an inflow (e.g. of all reports to Veilig Thuis)
    FINDING = "finding"  # what an inspection, study or court found, in words (no figure)


# Metrics whose value is a duration: their unit is a NormUnit value.
WAIT_METRICS: frozenset[Metric] = frozenset({Metric.MEDIAN_WAIT, Metric.P90_WAIT, Metric.MEAN_WAIT, Metric.MEAN_STAY})


class Assessment(StrEnum):
    """What an observation says about stalling, as its source states it."""

    OVER_NORM = "over-norm"  # worse than the norm: waits over it, a share under it
    WAITING_LIST = "waiting-list"  # cases wait for a start or a place; capacity falls short
    PROBLEM = "problem"  # the source finds that it goes wrong here, without a norm to measure against
    WITHIN_NORM = "within-norm"  # the norm is met
    CONTEXT = "context"  # a volume or share that judges nothing by itself


_PERIOD_PART = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def period_bounds(period: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a period written ``2023``, ``2019-01``, ``2019-01-31``,
    or two of those joined by ``/`` (``2018/2019``, ``2022-10/2023-03``).

    >>> period_bounds("2023")
    (datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))
    >>> period_bounds("2019-02")[1]
    datetime.date(2019, 2, 28)
    >>> period_bounds("2018/2019-06")
    (datetime.date(2018, 1, 1), datetime.date(2019, 6, 30))
    >>> period_bounds("in 2019")
    Traceback (most recent call last):
    ...
    ValueError: period 'in 2019' is not 2023, 2023-06, 2023-06-30 or two of those joined by /
    """
    parts = period.split("/")
    if len(parts) > 2:
        raise ValueError(f"period {period!r} is not 2023, 2023-06, 2023-06-30 or two of those joined by /")
    bounds = []
    for i, part in enumerate(parts):
        match = _PERIOD_PART.fullmatch(part)
        if match is None:
            raise ValueError(f"period {period!r} is not 2023, 2023-06, 2023-06-30 or two of those joined by /")
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if day is not None and month is not None:
            first = last = dt.date(year, month, day)
        elif month is not None:
            first = dt.date(year, month, 1)
            last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1))
        else:
            first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        bounds.append(first if i == 0 else last)
        if len(parts) == 1:
            bounds.append(last)
    if bounds[0] > bounds[1]:
        raise ValueError(f"period {period!r} ends before it starts")
    return bounds[0], bounds[1]


@dataclass(frozen=True)
class Source:
    """Where a fact comes from: a seed document, a law article, a report.

    ``file`` names a seed document (cite seeds by file name); ``url`` a
    public page. ``date`` is ISO (``2018``, ``2018-04`` or ``2018-04-25``).
    ``authority`` says how authoritative the source is (None: not typed);
    ``last_checked`` is the day the source was last read.
    """

    id: str
    kind: SourceKind
    title: str
    url: str | None = None
    file: str | None = None
    date: str | None = None
    publisher: str | None = None
    note: str | None = None
    status: Status = Status.VERIFIED
    authority: SourceAuthority | None = None
    last_checked: dt.date | None = None

    @property
    def verifies(self) -> bool:
        """Whether this source can make a fact verified: an untyped source is not judged
        (True); a typed one only when it is official or primary."""
        return self.authority is None or self.authority.verifies

    @property
    def name(self) -> str:
        return self.title

    @property
    def sources(self) -> tuple[str, ...]:
        # A source is its own evidence.
        return (self.id,)


@dataclass(frozen=True)
class Phase:
    """A phase of the chain, ordered left to right on the map."""

    id: str
    name: str
    order: int
    name_en: str | None = None
    description: str | None = None
    sources: tuple[str, ...] = ()
    status: Status = Status.VERIFIED
    last_checked: dt.date | None = None


@dataclass(frozen=True)
class Organisation:
    """An organisation, a post (burgemeester, HOvJ), a collaboration (ZVH) or a
    member of the family (kind ``person``: victim, child, person barred from the home).

    ``abbreviation`` is the short name shown on the map; ``aliases`` are the
    other names people search by: abbreviations, the legal name, former names.
    """

    id: str
    name: str
    kind: OrganisationKind
    domain: Domain
    region: str
    sources: tuple[str, ...]
    name_en: str | None = None
    abbreviation: str | None = None
    official_id: str | None = None  # TOOI URI or other official identifier
    part_of: str | None = None  # id of the parent organisation
    phases: tuple[str, ...] = ()  # phase ids where it mainly acts
    description: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    status: Status = Status.VERIFIED
    aliases: tuple[str, ...] = ()
    last_checked: dt.date | None = None

    @property
    def search_terms(self) -> tuple[str, ...]:
        """Every name the organisation can be found by: name, English name,
        abbreviation and aliases, in that order, without repeats.

        >>> Organisation("vt", "Veilig Thuis Haaglanden", OrganisationKind.ORGANISATION, Domain.ZORG, "r", ("s",),
        ...              abbreviation="VT", aliases=("VTH", "VT")).search_terms
        ('Veilig Thuis Haaglanden', 'VT', 'VTH')
        """
        names = (self.name, self.name_en, self.abbreviation, *self.aliases)
        return tuple(dict.fromkeys(name for name in names if name))


@dataclass(frozen=True)
class LegalBasis:
    """A legal basis: a law article, a decree, a policy rule or a covenant.

    For Dutch regulations with a BWB id the Juriconnect reference and the
    wetten.overheid.nl URL are derived; ``url`` overrides for the others.
    """

    id: str
    law_name: str
    sources: tuple[str, ...]
    kind: LegalBasisKind = LegalBasisKind.STATUTE
    bwb_id: str | None = None
    article: str | None = None
    paragraph: str | None = None  # lid
    title: str | None = None  # short description of what the article says
    celex: str | None = None  # EU law
    url_override: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    status: Status = Status.VERIFIED
    last_checked: dt.date | None = None

    @property
    def name(self) -> str:
        label = self.law_name
        if self.article:
            label += f" art. {self.article}"
        if self.paragraph:
            label += f" lid {self.paragraph}"
        return label

    @property
    def juriconnect(self) -> str | None:
        """``jci1.3:c:BWBR…&artikel=…[&lid=…]``, or None without a BWB id."""
        if not self.bwb_id:
            return None
        ref = f"jci1.3:c:{self.bwb_id}"
        if self.article:
            ref += f"&artikel={self.article}"
            if self.paragraph:
                ref += f"&lid={self.paragraph}"
        return ref

    @property
    def is_binding_law(self) -> bool:
        """A verified statute, decree or ministerial regulation (see :data:`BINDING_LAW`)."""
        return self.kind in BINDING_LAW and self.status is Status.VERIFIED

    @property
    def url(self) -> str | None:
        if self.url_override:
            return self.url_override
        if self.juriconnect:
            return f"https://wetten.overheid.nl/{self.juriconnect}"
        return None


@dataclass(frozen=True)
class Duration:
    """A duration that belongs to an instrument (e.g. huisverbod: 10 days)."""

    label: str  # what the duration is of, e.g. "duur", "verlenging tot"
    amount: float
    unit: NormUnit
    sources: tuple[str, ...]
    status: Status = Status.VERIFIED

    @property
    def calendar_days(self) -> float:
        return self.amount * CALENDAR_DAYS_PER_UNIT[self.unit]


@dataclass(frozen=True)
class Instrument:
    """A legal or policy instrument: huisverbod, OTS, strafbeschikking, MDA++."""

    id: str
    name: str
    sources: tuple[str, ...]
    applied_by: tuple[str, ...] = ()  # organisation ids
    legal_bases: tuple[str, ...] = ()  # legal basis ids
    phase: str | None = None
    durations: tuple[Duration, ...] = ()
    name_en: str | None = None
    abbreviation: str | None = None
    description: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    status: Status = Status.VERIFIED
    last_checked: dt.date | None = None


@dataclass(frozen=True)
class Norm:
    """The time within which a hand-off should happen.

    ``amount``/``unit`` are None for a norm without a number
    ("voor het opleggen", "direct"): ``description`` then says what it is.
    """

    description: str
    sources: tuple[str, ...]
    amount: float | None = None
    unit: NormUnit | None = None
    kind: NormKind = NormKind.STATUTORY
    status: Status = Status.VERIFIED

    @property
    def calendar_days(self) -> float | None:
        if self.amount is None or self.unit is None:
            return None
        return self.amount * CALENDAR_DAYS_PER_UNIT[self.unit]


@dataclass(frozen=True)
class FailureMode:
    """A known way a hand-off fails, with the source that reports it.

    ``category`` says why it fails (the closed vocabulary of
    :class:`graph.vocab.Category`); ``period`` when the source saw it
    (``2023``, ``2018/2019``; see :func:`period_bounds`).
    """

    id: str  # unique within the hand-off
    description: str  # Dutch
    sources: tuple[str, ...]
    category: Category
    period: str | None = None
    description_en: str | None = None
    status: Status = Status.VERIFIED

    @property
    def period_start(self) -> dt.date | None:
        return period_bounds(self.period)[0] if self.period else None

    @property
    def period_end(self) -> dt.date | None:
        return period_bounds(self.period)[1] if self.period else None


@dataclass(frozen=True)
class HandOff:
    """A point where a case, information or responsibility passes between partners.

    ``legal_bases`` are the bases for the *data exchange* (empty: none known).
    ``feedback_required``/``acceptance_required`` are None when unknown.
    ``regie_after`` is the organisation holding regie after the hand-off;
    ``regie_while_waiting`` who holds it while the receiver has not started
    (a waiting list), with its own ``regie_while_waiting_sources``.
    ``escalation_to`` is where a stalled hand-off can be escalated.
    ``main_route`` marks the usual way cases go (routes prefer it); :attr:`flow`
    says whether the case moves or only information.
    """

    id: str
    from_org: str
    to_org: str
    trigger: str
    passes: tuple[Passes, ...]
    phase: str
    sources: tuple[str, ...]
    name: str | None = None
    name_en: str | None = None
    instrument: str | None = None
    legal_bases: tuple[str, ...] = ()
    norm: Norm | None = None
    regie_after: str | None = None
    regie_while_waiting: RegieHolder | None = None
    regie_while_waiting_sources: tuple[str, ...] = ()
    main_route: bool = False
    feedback_required: bool | None = None
    acceptance_required: bool | None = None
    escalation_to: str | None = None
    failure_modes: tuple[FailureMode, ...] = ()
    description: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    status: Status = Status.VERIFIED
    last_checked: dt.date | None = None

    @property
    def label(self) -> str:
        return self.name or f"{self.from_org} → {self.to_org}"

    @property
    def moves_case(self) -> bool:
        """Whether the case or the responsibility for it crosses (not only information)."""
        return Passes.CASE in self.passes or Passes.RESPONSIBILITY in self.passes

    @property
    def flow(self) -> str:
        """``"case"`` when the case or responsibility moves, else ``"information"``."""
        return "case" if self.moves_case else "information"


@dataclass(frozen=True)
class Signal:
    """A way a case enters the chain ("politie bij huiselijk-geweldincident")."""

    id: str
    name: str
    enters_at: str  # organisation id
    phase: str
    sources: tuple[str, ...]
    name_en: str | None = None
    description: str | None = None
    status: Status = Status.VERIFIED
    last_checked: dt.date | None = None


@dataclass(frozen=True)
class Observation:
    """A figure from practice about a hand-off or an organisation, for a period.

    ``about`` names the hand-offs or organisations it concerns (the first is
    the main one). ``description`` gives the figure as the source prints it;
    ``value`` (and ``value_max`` for a range such as "4 tot 13 weken") in
    ``unit`` make it comparable (``lower_bound``: the source says "meer dan"
    or "ruim" the value): for the wait metrics (:data:`WAIT_METRICS`)
    ``unit`` is a :class:`NormUnit` value, else a plural noun ("kinderen").
    ``assessment`` says what the source concludes; ``region`` where it was
    measured (``nederland`` when only a national figure exists).
    """

    id: str
    about: tuple[str, ...]
    metric: Metric
    description: str
    period: str
    region: str
    assessment: Assessment
    sources: tuple[str, ...]
    value: float | None = None
    value_max: float | None = None
    lower_bound: bool = False
    unit: str | None = None
    categories: tuple[Category, ...] = ()
    description_en: str | None = None
    note: str | None = None
    status: Status = Status.VERIFIED
    last_checked: dt.date | None = None

    @property
    def name(self) -> str:
        return self.description

    @property
    def period_start(self) -> dt.date:
        return period_bounds(self.period)[0]

    @property
    def period_end(self) -> dt.date:
        return period_bounds(self.period)[1]

    @property
    def days(self) -> tuple[float, float] | None:
        """A wait metric's value (and upper bound) in calendar days; None otherwise."""
        if self.metric not in WAIT_METRICS or self.value is None or self.unit is None:
            return None
        per = CALENDAR_DAYS_PER_UNIT[NormUnit(self.unit)]
        return self.value * per, (self.value_max if self.value_max is not None else self.value) * per


Element = Source | Phase | Organisation | LegalBasis | Instrument | HandOff | Signal | Observation

# kind name (as used in data files, exports and errors) -> class
ELEMENT_KINDS: dict[str, type] = {
    "sources": Source,
    "phases": Phase,
    "organisations": Organisation,
    "legal_bases": LegalBasis,
    "instruments": Instrument,
    "handoffs": HandOff,
    "signals": Signal,
    "observations": Observation,
}


# kind name -> the singular noun used in messages ("unknown hand-off 'x'")
KIND_SINGULAR: dict[str, str] = {
    "sources": "source",
    "phases": "phase",
    "organisations": "organisation",
    "legal_bases": "legal basis",
    "instruments": "instrument",
    "handoffs": "hand-off",
    "signals": "signal",
    "observations": "observation",
}


def is_valid_on(element: object, day: dt.date) -> bool:
    """Whether ``element`` applies on ``day``: ``valid_from <= day < valid_to``,
    either bound open when unset (``valid_to`` is the first day it no longer
    applies). Elements without validity fields always apply.

    >>> is_valid_on(Organisation("vt", "Veilig Thuis", OrganisationKind.ORGANISATION, Domain.ZORG, "r", ("s",),
    ...                          valid_from=dt.date(2015, 1, 1)), dt.date(2014, 12, 31))
    False
    """
    start = getattr(element, "valid_from", None)
    end = getattr(element, "valid_to", None)
    return (start is None or start <= day) and (end is None or day < end)


E = TypeVar("E", Source, Phase, Organisation, LegalBasis, Instrument, HandOff, Signal, Observation)


def _by_id(items: tuple[E, ...]) -> tuple[E, ...]:
    return tuple(sorted(items, key=lambda item: item.id))


@dataclass(frozen=True)
class ChainModel:
    """The whole chain. Collections are kept sorted by id, so two loads of
    the same content compare equal whatever order the files had.

    Build it through :func:`loaders.build.build_model` (validating); the
    constructor itself only sorts.
    """

    region: str
    sources: tuple[Source, ...] = ()
    phases: tuple[Phase, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    legal_bases: tuple[LegalBasis, ...] = ()
    instruments: tuple[Instrument, ...] = ()
    handoffs: tuple[HandOff, ...] = ()
    signals: tuple[Signal, ...] = ()
    observations: tuple[Observation, ...] = ()
    title: str = ""

    def __post_init__(self) -> None:
        for kind in ELEMENT_KINDS:
            object.__setattr__(self, kind, _by_id(tuple(getattr(self, kind))))

    # --- look-ups -------------------------------------------------------
    @cached_property
    def index(self) -> dict[str, Element]:
        """Every element by id (ids are unique across kinds)."""
        return {item.id: item for kind in ELEMENT_KINDS for item in getattr(self, kind)}

    def get(self, element_id: str) -> Element:
        """The element with this id, of any kind; :class:`UnknownElement` (a KeyError) when unknown."""
        try:
            return self.index[element_id]
        except KeyError:
            raise UnknownElement(element_id, nearest(element_id, self.index)) from None

    def _typed(self, kind: str, cls: type[E], element_id: str) -> E:
        element = self.index.get(element_id)
        if isinstance(element, cls):
            return element
        ids = [item.id for item in getattr(self, kind)]
        raise UnknownElement(element_id, nearest(element_id, ids), kind=KIND_SINGULAR[kind])

    def source(self, element_id: str) -> Source:
        """The source with this id; :class:`UnknownElement` naming the nearest source ids otherwise."""
        return self._typed("sources", Source, element_id)

    def phase(self, element_id: str) -> Phase:
        """The phase with this id (see :meth:`source`)."""
        return self._typed("phases", Phase, element_id)

    def organisation(self, element_id: str) -> Organisation:
        """The organisation with this id (see :meth:`source`).

        >>> from graph.examples import toy_chain
        >>> toy_chain().organisation("politie").name
        'Politie'
        >>> toy_chain().organisation("ho-politie-vt")
        Traceback (most recent call last):
        ...
        graph.errors.UnknownElement: unknown organisation 'ho-politie-vt'; did you mean: politie?
        """
        return self._typed("organisations", Organisation, element_id)

    def legal_basis(self, element_id: str) -> LegalBasis:
        """The legal basis with this id (see :meth:`source`)."""
        return self._typed("legal_bases", LegalBasis, element_id)

    def instrument(self, element_id: str) -> Instrument:
        """The instrument with this id (see :meth:`source`)."""
        return self._typed("instruments", Instrument, element_id)

    def handoff(self, element_id: str) -> HandOff:
        """The hand-off with this id (see :meth:`source`)."""
        return self._typed("handoffs", HandOff, element_id)

    def signal(self, element_id: str) -> Signal:
        """The signal with this id (see :meth:`source`)."""
        return self._typed("signals", Signal, element_id)

    def observation(self, element_id: str) -> Observation:
        """The observation with this id (see :meth:`source`)."""
        return self._typed("observations", Observation, element_id)

    @cached_property
    def observations_about(self) -> dict[str, tuple[Observation, ...]]:
        """Observations by the id of each hand-off or organisation they are about, in id order."""
        found: dict[str, list[Observation]] = {}
        for obs in self.observations:
            for element_id in obs.about:
                found.setdefault(element_id, []).append(obs)
        return {k: tuple(v) for k, v in found.items()}

    @cached_property
    def view(self) -> ChainView:
        """The derived view graph algorithms work on (:class:`graph.view.ChainView`), built once."""
        from graph.view import ChainView

        return ChainView(self)

    def kind_of(self, element_id: str) -> str:
        """The kind name (``"organisations"``, ``"handoffs"``…) of an element."""
        element = self.index[element_id]
        for kind, cls in ELEMENT_KINDS.items():
            if isinstance(element, cls):
                return kind
        raise KeyError(element_id)  # pragma: no cover

    def elements(self) -> Iterator[Element]:
        for kind in ELEMENT_KINDS:
            yield from getattr(self, kind)

    def valid_on(self, day: dt.date) -> list[str]:
        """Ids of the organisations, hand-offs, legal bases and instruments that apply on ``day``
        (see :func:`is_valid_on`), sorted."""
        kinds = ("organisations", "handoffs", "legal_bases", "instruments")
        return sorted(e.id for kind in kinds for e in getattr(self, kind) if is_valid_on(e, day))

    @cached_property
    def phase_order(self) -> dict[str, int]:
        return {phase.id: phase.order for phase in self.phases}

    def counts(self) -> dict[str, int]:
        return {kind: len(getattr(self, kind)) for kind in ELEMENT_KINDS}

    def unverified(self) -> list[str]:
        """Ids of elements, hand-off norms and failure modes, and instrument
        durations marked unverified (nested parts as ``owner#part``)."""
        found = [element.id for element in self.elements() if element.status is Status.UNVERIFIED]
        found.extend(f"{instrument.id}#{duration.label}" for instrument in self.instruments
                     for duration in instrument.durations if duration.status is Status.UNVERIFIED)
        for handoff in self.handoffs:
            if handoff.norm is not None and handoff.norm.status is Status.UNVERIFIED:
                found.append(f"{handoff.id}#norm")
            found.extend(f"{handoff.id}#{mode.id}" for mode in handoff.failure_modes
                         if mode.status is Status.UNVERIFIED)
        return found
