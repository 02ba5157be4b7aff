"""The shipped, FICTITIOUS demo register, and a tiny example register for doctests.

``loaders/data/register-demo/register.json`` holds made-up casussen modelled on
the kinds of cases in the mayor's letter that founded the Doorbraakteam (help
refused under a huisverbod without aangifte, signals of child abuse waiting on
the Raad, criminal and care measures not aligned, a victim who becomes a
perpetrator). It is marked ``"demo": true``: every page, the evidence and the
report say it is fictitious, and its evidence never confirms anything.

:func:`open_demo` opens the demo register in its own SQLite file
(``KETENKAART_REGISTER_DEMO=1``), loading it and three demo accounts on first
use; their passwords are public (:data:`DEMO_ACCOUNTS`), which is acceptable
only because nothing in it is real.

>>> snap = example_snapshot()
>>> snap.demo, [c.code for c in snap.casussen]
(True, ['DBT-2026-001', 'DBT-2026-002'])
"""

from __future__ import annotations

import datetime as dt
import getpass

from graph.model import ChainModel
from graph.vocab import Category
from loaders.register.records import (
    Agreement,
    Casus,
    Knelpunt,
    Principal,
    Snapshot,
    SystemIssue,
)
from loaders.register.vocab import (
    AgreementStatus,
    CasusStatus,
    Level,
    Role,
    SystemStatus,
    ViolenceKind,
)
from loaders.resources import builtin_path

__all__ = ["DEMO_ACCOUNTS", "DEMO_FILE", "admin", "demo_path", "example_snapshot", "open_demo", "seed_demo"]

DEMO_FILE = "register-demo/register.json"
# Public on purpose: the demo register is fictitious (shown on the login page of a demo register only).
DEMO_ACCOUNTS = (("voorzitter", Role.VOORZITTER, "demo-voorzitter-2026"), ("lid", Role.LID, "demo-lid-2026-dbt"),
                 ("lezer", Role.LEZER, "demo-lezer-2026-dbt"))


def admin() -> Principal:
    """Who acts for administration commands (``ketenkaart users …``, retention): ``beheer:<os user>``."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry in some containers
        user = "onbekend"
    return Principal(f"beheer:{user}", Role.VOORZITTER)


def demo_path():
    return builtin_path(DEMO_FILE)


def seed_demo(register, model: ChainModel) -> int:
    """Load the demo register and its accounts into an empty register; returns the casussen loaded."""
    from loaders.register.accounts import add_account
    from loaders.register.interchange import load_json_register

    actor = Principal("beheer:demo", Role.VOORZITTER)
    count = load_json_register(register, actor, demo_path(), model)
    for username, role, password in DEMO_ACCOUNTS:
        add_account(register, actor, username, role, password=password)
    return count


def open_demo(url: str, model: ChainModel):
    """The demo register at ``url``, seeded on first use."""
    from loaders.register.repository import Register

    register = Register.open(url)
    if register.counts()["casus"] == 0 and not register.accounts():
        seed_demo(register, model)
    return register


def _agreement(i, what, org, status, level, agreed, deadline, knelpunt_id=None, system_issue_id=None) -> Agreement:
    return Agreement(i, what, org, "teamleider", deadline, None, status, level, agreed, knelpunt_id=knelpunt_id,
                     system_issue_id=system_issue_id)


def example_snapshot(demo: bool = True) -> Snapshot:
    """Two small casussen on the toy chain (:func:`graph.examples.toy_chain`), for doctests and unit tests."""
    d1, d2 = dt.date(2026, 3, 2), dt.date(2026, 4, 6)
    a1 = _agreement(1, "Veilig Thuis vraagt na 10 werkdagen terugkoppeling op", "veilig-thuis", AgreementStatus.IN_PROGRESS,
                    Level.WORK_PROCESS, d1, dt.date(2026, 6, 15), knelpunt_id=1)
    a2 = _agreement(2, "Lokaal team bevestigt de start van de hulp", "lokaal-team", AgreementStatus.AGREED, Level.CASE, d2,
                    dt.date(2026, 5, 1), knelpunt_id=3)
    c1 = Casus(1, "DBT-2026-001", d1, "den-haag", (ViolenceKind.PARTNER,), ("politie", "veilig-thuis"),
               CasusStatus.FOLLOW_UP, None, (
                   Knelpunt(1, 1, 1, ("ho-vt-lokaal-team",), Category.FEEDBACK, "Geen terugkoppeling na de overdracht.",
                            None, (a1,)),
               ))
    c2 = Casus(2, "DBT-2026-002", d2, "delft", (ViolenceKind.CHILD_ABUSE,), ("veilig-thuis", "raad"),
               CasusStatus.IN_REVIEW, None, (
                   Knelpunt(2, 2, 1, ("ho-vt-lokaal-team",), Category.FEEDBACK, "Melder hoorde niets terug.", None),
                   Knelpunt(3, 2, 2, ("ho-vt-lokaal-team",), Category.REGIE, "Niemand hield de regie.", None, (a2,)),
                   Knelpunt(4, 2, 3, ("ho-raad-kinderrechter",), Category.WAITING, "Verzoek lag weken stil.", None),
               ))
    issue = SystemIssue(1, "SYS-2026-01", "Terugkoppeling na overdracht ontbreekt", None, Category.FEEDBACK,
                        Level.WORK_PROCESS, SystemStatus.TAKEN_UP, "veilig-thuis", "manager", (1, 2))
    return Snapshot(casussen=(c1, c2), system_issues=(issue,), demo=demo)
