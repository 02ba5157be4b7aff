"""What the register holds, as the repository returns it: frozen dataclasses, no database objects.

The queries in :mod:`queries.register` work on a :class:`Snapshot`; the UI
and the CLI show these records. Inputs (what a form, a command or an import
file gives) are the ``*Input`` classes, checked by :mod:`loaders.register.validate`.

>>> a = Agreement(1, "Terugkoppeling binnen 10 werkdagen", "veilig-thuis-haaglanden", "teamleider",
...               dt.date(2026, 3, 31), dt.date(2026, 4, 15), AgreementStatus.IN_PROGRESS, Level.WORK_PROCESS,
...               dt.date(2026, 3, 2), knelpunt_id=7)
>>> a.overdue(dt.date(2026, 4, 1)), a.overdue(dt.date(2026, 3, 1))
(True, False)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from graph.vocab import Category
from loaders.register.vocab import (
    AgreementStatus,
    CasusStatus,
    Level,
    Role,
    SystemStatus,
    ViolenceKind,
)

__all__ = [
    "Account",
    "Agreement",
    "AgreementInput",
    "AuditEntry",
    "Casus",
    "CasusInput",
    "Knelpunt",
    "KnelpuntInput",
    "Principal",
    "ReportApproval",
    "Snapshot",
    "SystemIssue",
    "SystemIssueInput",
]


@dataclass(frozen=True)
class Principal:
    """Who acts: a logged-in account (its name and role). Administration commands act as ``beheer:<os user>``."""

    username: str
    role: Role
    account_id: int | None = None

    def can(self, needed: Role) -> bool:
        return self.role.can(needed)


@dataclass(frozen=True)
class Account:
    id: int
    username: str
    role: Role
    oidc_email: str | None
    active: bool
    has_password: bool
    created_at: dt.datetime


@dataclass(frozen=True)
class Agreement:
    """A doorbraak: what was agreed, by whom (an organisation and a role, never a person), until when."""

    id: int
    what: str
    by_organisation: str
    by_role: str | None
    deadline: dt.date | None
    follow_up: dt.date | None
    status: AgreementStatus
    level: Level
    agreed_on: dt.date
    knelpunt_id: int | None = None
    system_issue_id: int | None = None

    @property
    def due(self) -> dt.date | None:
        """The date it should be looked at again: the follow-up date, else the deadline."""
        return self.follow_up or self.deadline

    def overdue(self, today: dt.date) -> bool:
        """Still open and its deadline (or follow-up date) has passed."""
        due = self.deadline or self.follow_up
        return self.status.open and due is not None and due < today


@dataclass(frozen=True)
class Knelpunt:
    """Where a reviewed casus got stuck: chain elements, a category, what happened, the evidence discussed."""

    id: int
    casus_id: int
    number: int
    elements: tuple[str, ...]
    category: Category
    description: str | None
    evidence: str | None
    agreements: tuple[Agreement, ...] = ()


@dataclass(frozen=True)
class Casus:
    """A reviewed casus under its pseudonymous code; after retention only its anonymous knelpunten remain."""

    id: int
    code: str | None
    review_date: dt.date
    region: str | None
    violence: tuple[ViolenceKind, ...]
    organisations: tuple[str, ...]
    status: CasusStatus
    closed_on: dt.date | None
    knelpunten: tuple[Knelpunt, ...] = ()
    updated_at: dt.datetime | None = None

    @property
    def reduced(self) -> bool:
        return self.status is CasusStatus.REDUCED


@dataclass(frozen=True)
class SystemIssue:
    """A systeemknelpunt: one pattern across knelpunten of several casussen, taken up at a level."""

    id: int
    code: str
    title: str
    description: str | None
    category: Category
    level: Level
    status: SystemStatus
    owner_organisation: str | None
    owner_role: str | None
    knelpunt_ids: tuple[int, ...]
    agreements: tuple[Agreement, ...] = ()


@dataclass(frozen=True)
class Snapshot:
    """Everything the queries need, read in one transaction."""

    casussen: tuple[Casus, ...] = ()
    system_issues: tuple[SystemIssue, ...] = ()
    demo: bool = False

    def knelpunten(self) -> tuple[Knelpunt, ...]:
        return tuple(k for c in self.casussen for k in c.knelpunten)

    def casus_of(self) -> dict[int, Casus]:
        """Knelpunt id -> its casus."""
        return {k.id: c for c in self.casussen for k in c.knelpunten}


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: dt.datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    before: str | None  # canonical JSON (free text as a digest only)
    after: str | None
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class ReportApproval:
    id: int
    period_start: dt.date
    period_end: dt.date
    approved_by: str
    approved_at: dt.datetime


# --- inputs -----------------------------------------------------------------------------------------


@dataclass
class AgreementInput:
    what: str
    by_organisation: str
    by_role: str | None = None
    deadline: dt.date | None = None
    follow_up: dt.date | None = None
    status: AgreementStatus = AgreementStatus.AGREED
    level: Level = Level.WORK_PROCESS
    agreed_on: dt.date | None = None


@dataclass
class KnelpuntInput:
    elements: tuple[str, ...]
    category: Category
    description: str | None = None
    evidence: str | None = None
    agreements: list[AgreementInput] = field(default_factory=list)


@dataclass
class CasusInput:
    code: str
    review_date: dt.date
    region: str
    violence: tuple[ViolenceKind, ...]
    organisations: tuple[str, ...]
    status: CasusStatus = CasusStatus.IN_REVIEW
    closed_on: dt.date | None = None
    knelpunten: list[KnelpuntInput] = field(default_factory=list)


@dataclass
class SystemIssueInput:
    code: str
    title: str
    category: Category
    level: Level
    knelpunt_ids: tuple[int, ...]
    description: str | None = None
    status: SystemStatus = SystemStatus.SIGNALLED
    owner_organisation: str | None = None
    owner_role: str | None = None
