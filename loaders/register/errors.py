"""The register's errors: part of the one :class:`graph.errors.ChainError` hierarchy.

Each carries its message in Dutch and English (:attr:`RegisterError.phrase`)
so the UI can show it in the reader's language; ``str()`` is the English
text, as for every other ChainError the CLI prints.

>>> err = InvalidInput("code", "must look like DBT-2026-014", "moet eruitzien als DBT-2026-014")
>>> str(err), err.phrase.in_("nl")
('code: must look like DBT-2026-014', 'code: moet eruitzien als DBT-2026-014')
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.errors import ChainError, Problem
from graph.text import Phrase

__all__ = [
    "AccessDenied",
    "IdentifierRefused",
    "InvalidInput",
    "LoginFailed",
    "LoginThrottled",
    "NotFound",
    "RegisterError",
    "RegisterImportError",
    "SessionExpired",
]


class RegisterError(ChainError):
    """Base of the register's errors; ``phrase`` holds the Dutch and English message."""

    def __init__(self, en: str, nl: str | None = None):
        self.phrase = Phrase(nl or en, en)
        super().__init__(en)


class InvalidInput(RegisterError):
    """A field has a value the register does not accept; names the field."""

    def __init__(self, field: str, en: str, nl: str | None = None):
        self.field = field
        super().__init__(f"{field}: {en}", f"{field}: {nl or en}")


class IdentifierRefused(InvalidInput):
    """Free text holding what looks like a direct identifier. Names the field and the kind, never the value."""

    def __init__(self, field: str, kinds: Sequence[str]):
        self.kinds = tuple(kinds)
        what = ", ".join(self.kinds)
        super().__init__(
            field,
            f"refused: this text looks like it contains {what} (value not shown). Describe the case without "
            "names, BSN, addresses, dates of birth or contact details.",
            f"geweigerd: deze tekst lijkt {what} te bevatten (waarde niet getoond). Beschrijf de casus zonder "
            "namen, BSN, adressen, geboortedata of contactgegevens.",
        )


class NotFound(RegisterError):
    """No such casus, knelpunt, agreement, systeemknelpunt or account."""


class AccessDenied(RegisterError):
    """The logged-in role may not do this, or nobody is logged in."""


class LoginFailed(RegisterError):
    """Wrong user name or password (never says which)."""

    def __init__(self) -> None:
        super().__init__("login failed: wrong user name or password", "inloggen mislukt: onjuiste gebruikersnaam of wachtwoord")


class LoginThrottled(RegisterError):
    """Too many failed logins: the account is locked for a while."""

    def __init__(self, minutes: int):
        self.minutes = minutes
        super().__init__(f"too many failed logins; try again in {minutes} minutes",
                         f"te veel mislukte pogingen; probeer het over {minutes} minuten opnieuw")


class SessionExpired(RegisterError):
    """The login session ended (expired, idle too long, or logged out)."""

    def __init__(self) -> None:
        super().__init__("your session has expired; log in again", "uw sessie is verlopen; log opnieuw in")


class RegisterImportError(RegisterError):
    """An import file was refused whole; carries every problem (file, row, field).

    >>> print(RegisterImportError("x.csv", [Problem("x.csv:3", "category", "unknown category 'wacht'")]))
    x.csv: 1 problem, nothing imported:
    x.csv:3: category: unknown category 'wacht'
    """

    def __init__(self, source: str, problems: Sequence[Problem]):
        self.source = source
        self.problems = tuple(problems)
        noun = "problem" if len(self.problems) == 1 else "problems"
        lines = [f"{source}: {len(self.problems)} {noun}, nothing imported:", *(str(p) for p in self.problems)]
        nl = [f"{source}: {len(self.problems)} probleem/problemen, niets ingelezen:", *(str(p) for p in self.problems)]
        super().__init__("\n".join(lines), "\n".join(nl))
