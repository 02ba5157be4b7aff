"""The register's closed lists: roles, kinds of violence, statuses, levels, regions.

Values are the Dutch terms (stored and exchanged as such); :data:`NAMES`
gives every value in Dutch and English. The knelpunt categories are the
shared :class:`graph.vocab.Category`.

>>> Role("voorzitter").can(Role.LID), Role.LEZER.can(Role.LID)
(True, False)
>>> AgreementStatus("in-uitvoering") is AgreementStatus.IN_PROGRESS
True
>>> name(Level.NATIONAL, "en")
'national government'
>>> name(ViolenceKind.CHILD_ABUSE)
'kindermishandeling'
"""

from __future__ import annotations

from enum import StrEnum

from graph.text import Phrase
from graph.vocab import CATEGORY_NAMES, Category

__all__ = [
    "CASUS_CODE_PATTERN",
    "ELEMENT_KINDS",
    "NAMES",
    "REGIONS",
    "AgreementStatus",
    "CasusStatus",
    "Level",
    "Role",
    "SystemStatus",
    "ViolenceKind",
    "name",
]

# A pseudonymous casus code: DBT-<year>-<number>, e.g. DBT-2026-014.
CASUS_CODE_PATTERN = r"DBT-20[0-9]{2}-[0-9]{3,4}"


class Role(StrEnum):
    """Who may do what (each role may do everything of the roles before it)."""

    LEZER = "lezer"  # the chain, aggregates (suppressed) and systeemknelpunten; no casus detail
    LID = "lid"  # records and edits casussen, sees the follow-up board
    VOORZITTER = "voorzitter"  # closes casussen, manages members, approves the report

    def can(self, needed: Role) -> bool:
        """Whether this role includes ``needed``."""
        order = list(Role)
        return order.index(self) >= order.index(needed)


class ViolenceKind(StrEnum):
    PARTNER = "partnergeweld"
    EX_PARTNER = "ex-partnergeweld"
    CHILD_ABUSE = "kindermishandeling"
    CHILD_WITNESS = "getuige-kind"
    ELDER_ABUSE = "ouderenmishandeling"
    HONOUR = "eergerelateerd-geweld"
    FORCED_MARRIAGE = "huwelijksdwang-achterlating"
    CHILD_TO_PARENT = "kind-ouder-geweld"
    SEXUAL = "seksueel-geweld"
    OTHER = "overig"


class CasusStatus(StrEnum):
    IN_REVIEW = "in-bespreking"
    FOLLOW_UP = "in-opvolging"
    CLOSED = "gesloten"  # only a voorzitter closes
    REDUCED = "gereduceerd"  # after the retention period: only anonymous knelpunten remain


class AgreementStatus(StrEnum):
    AGREED = "afgesproken"
    IN_PROGRESS = "in-uitvoering"
    DONE = "gerealiseerd"
    FAILED = "niet-gelukt"

    @property
    def open(self) -> bool:
        """Still to be followed up (afgesproken or in uitvoering)."""
        return self in (AgreementStatus.AGREED, AgreementStatus.IN_PROGRESS)


class Level(StrEnum):
    """The level a doorbraak is taken to (the seed letter: work processes, policy, regulation, the minister)."""

    CASE = "casus"
    WORK_PROCESS = "werkproces"
    POLICY = "beleid"
    REGULATION = "regelgeving"
    NATIONAL = "rijk"


class SystemStatus(StrEnum):
    SIGNALLED = "gesignaleerd"
    TAKEN_UP = "opgepakt"
    SOLVED = "opgelost"
    UNSOLVED = "niet-opgelost"


# The municipalities of the Veilig Thuis Haaglanden region, and the region as a whole.
REGIONS: dict[str, str] = {
    "den-haag": "Den Haag", "delft": "Delft", "leidschendam-voorburg": "Leidschendam-Voorburg",
    "midden-delfland": "Midden-Delfland", "pijnacker-nootdorp": "Pijnacker-Nootdorp", "rijswijk": "Rijswijk",
    "wassenaar": "Wassenaar", "westland": "Westland", "zoetermeer": "Zoetermeer",
    "haaglanden": "Haaglanden (meer gemeenten)",
}

# The kinds of chain element a knelpunt can be tied to.
ELEMENT_KINDS = ("handoffs", "organisations", "instruments", "legal_bases")

NAMES: dict[StrEnum, Phrase] = {
    Role.LEZER: Phrase("lezer", "reader"),
    Role.LID: Phrase("lid", "member"),
    Role.VOORZITTER: Phrase("voorzitter", "chair"),
    ViolenceKind.PARTNER: Phrase("partnergeweld", "partner violence"),
    ViolenceKind.EX_PARTNER: Phrase("ex-partnergeweld", "ex-partner violence"),
    ViolenceKind.CHILD_ABUSE: Phrase("kindermishandeling", "child abuse"),
    ViolenceKind.CHILD_WITNESS: Phrase("kind getuige van huiselijk geweld", "child witnessing domestic violence"),
    ViolenceKind.ELDER_ABUSE: Phrase("ouderenmishandeling", "elder abuse"),
    ViolenceKind.HONOUR: Phrase("eergerelateerd geweld", "honour-based violence"),
    ViolenceKind.FORCED_MARRIAGE: Phrase("huwelijksdwang / achterlating", "forced marriage / abandonment abroad"),
    ViolenceKind.CHILD_TO_PARENT: Phrase("kind-oudergeweld", "child-to-parent violence"),
    ViolenceKind.SEXUAL: Phrase("seksueel geweld", "sexual violence"),
    ViolenceKind.OTHER: Phrase("overig", "other"),
    CasusStatus.IN_REVIEW: Phrase("in bespreking", "under review"),
    CasusStatus.FOLLOW_UP: Phrase("in opvolging", "in follow-up"),
    CasusStatus.CLOSED: Phrase("gesloten", "closed"),
    CasusStatus.REDUCED: Phrase("gereduceerd (bewaartermijn)", "reduced (retention)"),
    AgreementStatus.AGREED: Phrase("afgesproken", "agreed"),
    AgreementStatus.IN_PROGRESS: Phrase("in uitvoering", "in progress"),
    AgreementStatus.DONE: Phrase("gerealiseerd", "done"),
    AgreementStatus.FAILED: Phrase("niet gelukt", "failed"),
    Level.CASE: Phrase("casus", "case"),
    Level.WORK_PROCESS: Phrase("werkproces", "work process"),
    Level.POLICY: Phrase("beleid", "policy"),
    Level.REGULATION: Phrase("regelgeving", "regulation"),
    Level.NATIONAL: Phrase("rijk", "national government"),
    SystemStatus.SIGNALLED: Phrase("gesignaleerd", "signalled"),
    SystemStatus.TAKEN_UP: Phrase("opgepakt", "taken up"),
    SystemStatus.SOLVED: Phrase("opgelost", "solved"),
    SystemStatus.UNSOLVED: Phrase("niet opgelost", "not solved"),
}
NAMES.update(CATEGORY_NAMES.items())  # as pairs: a dict[Category, ...] is no dict[StrEnum, ...] to mypy


def name(value: StrEnum | str, lang: str = "nl") -> str:
    """A register value (or a :class:`~graph.vocab.Category`) in words; unknown strings as given."""
    phrase = NAMES.get(value) if isinstance(value, StrEnum) else None
    if phrase is None:
        for enum in (Role, ViolenceKind, CasusStatus, AgreementStatus, Level, SystemStatus, Category):
            try:
                phrase = NAMES[enum(value)]
                break
            except ValueError:
                continue
    if phrase is None:
        return REGIONS.get(str(value), str(value))
    return phrase.in_(lang)
