"""The register's storage on SQLite and PostgreSQL: casussen, roles, accounts, sessions, throttling, the audit
trail (tampering detected), retention, migrations and concurrent writers."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import delete, select, text, update

from loaders.load import load_model
from loaders.register import accounts as acc
from loaders.register.errors import (
    AccessDenied,
    InvalidInput,
    LoginFailed,
    LoginThrottled,
    NotFound,
    SessionExpired,
)
from loaders.register.records import Principal
from loaders.register.repository import Register
from loaders.register.retention import apply_retention, due_for_reduction
from loaders.register.schema import audit_entry, casus, knelpunt, metadata
from loaders.register.validate import parse_casus, parse_system_issue
from loaders.register.vocab import AgreementStatus, CasusStatus, Role

pytestmark = pytest.mark.register

MODEL = load_model()
ADMIN = Principal("beheer:test", Role.VOORZITTER)
LID = Principal("lid1", Role.LID)
LEZER = Principal("lezer1", Role.LEZER)
VOORZITTER = Principal("voorzitter1", Role.VOORZITTER)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start: dt.datetime):
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += dt.timedelta(**delta)


def raw_casus(code: str = "DBT-2026-014", **extra) -> dict:
    return {
        "code": code, "review_date": "2026-03-02", "region": "den-haag", "violence": ["partnergeweld", "getuige-kind"],
        "organisations": ["politie", "veilig-thuis-haaglanden"],
        "knelpunten": [
            {"elements": ["vt-overdracht-lokaal-team"], "category": "terugkoppeling",
             "description": "Geen terugkoppeling na de overdracht.", "evidence": "Verslag besproken.",
             "agreements": [{"what": "Veilig Thuis krijgt binnen 10 werkdagen terugkoppeling",
                             "by_organisation": "veilig-thuis-haaglanden", "by_role": "teammanager",
                             "deadline": "2026-04-30", "status": "in-uitvoering", "level": "werkproces"}]},
            {"elements": ["huisverbod-hulpverlening-vt", "burgemeester-den-haag"], "category": "weigering-geen-drang",
             "description": "Hulp geweigerd binnen het huisverbod, geen aangifte."},
        ],
        **extra,
    }


def parsed(raw: dict):
    result, problems = parse_casus(raw, MODEL)
    assert problems == [], problems
    return result


@pytest.fixture
def reg(register_url):
    register = Register.open(register_url)
    yield register
    register.close()


def test_a_casus_round_trips_with_knelpunten_and_agreements(reg):
    created = reg.add_casus(LID, parsed(raw_casus()))
    again = reg.casus(LID, "DBT-2026-014")
    assert again == created
    assert again.region == "den-haag" and again.status is CasusStatus.IN_REVIEW
    assert [k.elements for k in again.knelpunten] == [("vt-overdracht-lokaal-team",),
                                                       ("huisverbod-hulpverlening-vt", "burgemeester-den-haag")]
    (agreement,) = again.knelpunten[0].agreements
    assert agreement.status is AgreementStatus.IN_PROGRESS and agreement.agreed_on == dt.date(2026, 3, 2)
    assert agreement.deadline == dt.date(2026, 4, 30)
    assert reg.dialect in ("sqlite", "postgresql")


def test_sqlite_runs_in_wal_mode(tmp_path):
    register = Register.open(f"sqlite:///{tmp_path / 'nested' / 'register.sqlite'}")
    with register.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_roles_lezer_reads_no_casus_and_only_the_voorzitter_closes(reg):
    with pytest.raises(AccessDenied):
        reg.add_casus(LEZER, parsed(raw_casus()))
    reg.add_casus(LID, parsed(raw_casus()))
    with pytest.raises(AccessDenied):
        reg.casus(LEZER, "DBT-2026-014")
    with pytest.raises(AccessDenied):
        reg.casussen(LEZER)
    with pytest.raises(AccessDenied):
        reg.close_casus(LID, "DBT-2026-014")
    closed = reg.close_casus(VOORZITTER, "DBT-2026-014", on=dt.date(2026, 5, 1))
    assert closed.status is CasusStatus.CLOSED and closed.closed_on == dt.date(2026, 5, 1)
    with pytest.raises(AccessDenied):
        reg.update_casus(LID, "DBT-2026-014", parsed(raw_casus()))


def test_duplicate_code_and_unknown_casus(reg):
    reg.add_casus(LID, parsed(raw_casus()))
    with pytest.raises(InvalidInput, match="already exists"):
        reg.add_casus(LID, parsed(raw_casus()))
    with pytest.raises(NotFound):
        reg.casus(LID, "DBT-2026-999")
    assert reg.next_code(2026) == "DBT-2026-001"
    assert reg.counts()["casus"] == 1


def test_update_keeps_systeemknelpunt_links_and_audits_before_and_after(reg):
    reg.add_casus(LID, parsed(raw_casus()))
    reg.add_casus(LID, parsed(raw_casus("DBT-2026-015")))
    ids = [k.id for c in reg.snapshot().casussen for k in c.knelpunten if k.number == 1]
    issue, problems = parse_system_issue({"code": "SYS-2026-01", "title": "Terugkoppeling ontbreekt",
                                          "category": "terugkoppeling", "level": "werkproces", "knelpunt_ids": ids}, MODEL)
    assert not problems
    reg.add_system_issue(LID, issue)
    changed = raw_casus()
    changed["knelpunten"][0]["description"] = "Geen terugkoppeling, ook niet na twee weken."
    reg.update_casus(LID, "DBT-2026-014", parsed(changed))
    assert set(reg.snapshot().system_issues[0].knelpunt_ids) == set(ids)
    last = reg.audit_entries()[-1]
    assert (last.action, last.entity) == ("update", "casus")
    assert "twee weken" not in (last.after or "")  # free text is kept as a digest only
    assert '"chars"' in last.after and last.before != last.after


def test_a_systeemknelpunt_needs_two_casussen(reg):
    reg.add_casus(LID, parsed(raw_casus()))
    ids = [k.id for k in reg.snapshot().casussen[0].knelpunten]
    issue, _ = parse_system_issue({"code": "SYS-2026-01", "title": "Eén casus", "category": "regie",
                                   "knelpunt_ids": ids}, MODEL)
    with pytest.raises(InvalidInput, match="at least two casussen"):
        reg.add_system_issue(LID, issue)


def test_agreement_status_moves_on(reg):
    created = reg.add_casus(LID, parsed(raw_casus()))
    agreement_id = created.knelpunten[0].agreements[0].id
    done = reg.set_agreement_status(LID, agreement_id, AgreementStatus.DONE)
    assert done.status is AgreementStatus.DONE
    assert reg.audit_entries()[-1].entity == "agreement"


def test_audit_trail_detects_an_edited_a_deleted_and_a_truncated_entry(reg):
    for n in range(4):
        reg.add_casus(LID, parsed(raw_casus(f"DBT-2026-{n + 1:03d}")))
    assert reg.verify_audit().ok and reg.verify_audit().entries == 4
    with reg.engine.begin() as conn:  # someone edits who did it
        conn.execute(update(audit_entry).where(audit_entry.c.id == 2).values(actor="iemand-anders"))
    report = reg.verify_audit()
    assert not report.ok and any("entry 2" in p and "edited" in p for p in report.problems)
    with reg.engine.begin() as conn:  # and deletes another
        conn.execute(delete(audit_entry).where(audit_entry.c.id == 3))
    assert any("entry 3 missing" in p for p in reg.verify_audit().problems)


def test_audit_trail_detects_a_deleted_last_entry(reg):
    reg.add_casus(LID, parsed(raw_casus()))
    reg.add_casus(LID, parsed(raw_casus("DBT-2026-015")))
    with reg.engine.begin() as conn:
        conn.execute(delete(audit_entry).where(audit_entry.c.id == 2))
    report = reg.verify_audit()
    assert not report.ok and any("recorded head is entry 2" in p for p in report.problems)


def test_a_tampered_casus_row_does_not_break_the_chain_but_its_history_shows_the_truth(reg):
    reg.add_casus(LID, parsed(raw_casus()))
    with reg.engine.begin() as conn:
        conn.execute(update(casus).values(region="delft"))
    assert reg.verify_audit().ok
    assert '"region":"den-haag"' in reg.audit_entries()[0].after


def test_retention_reduces_only_old_closed_casussen_to_anonymous_knelpunten(register_url):
    clock = Clock(dt.datetime(2026, 1, 10, 9, tzinfo=dt.UTC))
    reg = Register.open(register_url, clock=clock)
    reg.add_casus(LID, parsed(raw_casus("DBT-2026-001")))
    reg.add_casus(LID, parsed(raw_casus("DBT-2026-002")))
    reg.add_casus(LID, parsed(raw_casus("DBT-2026-003")))
    reg.close_casus(VOORZITTER, "DBT-2026-001", on=dt.date(2026, 1, 15))
    reg.close_casus(VOORZITTER, "DBT-2026-002", on=dt.date(2027, 6, 1))
    ids = {c.code: c.id for c in reg.snapshot().casussen}
    today = dt.date(2028, 3, 1)
    assert due_for_reduction(reg, 24, today) == [ids["DBT-2026-001"]]
    with pytest.raises(AccessDenied):
        apply_retention(reg, LID, 24, today)
    assert apply_retention(reg, VOORZITTER, 24, today) == [ids["DBT-2026-001"]]
    snap = {c.id: c for c in reg.snapshot().casussen}
    reduced = snap[ids["DBT-2026-001"]]
    assert reduced.code is None and reduced.region is None and reduced.violence == () and reduced.organisations == ()
    assert reduced.status is CasusStatus.REDUCED and reduced.review_date == dt.date(2026, 3, 1)
    assert [k.elements for k in reduced.knelpunten] == [k.elements for k in snap[ids["DBT-2026-002"]].knelpunten]
    assert all(k.description is None and k.evidence is None for k in reduced.knelpunten)
    assert reduced.knelpunten[0].agreements[0].what.startswith("Veilig Thuis krijgt")  # agreements stay
    assert snap[ids["DBT-2026-002"]].code == "DBT-2026-002"  # closed too recently
    assert snap[ids["DBT-2026-003"]].status is CasusStatus.IN_REVIEW  # not closed
    with reg.engine.connect() as conn:  # nothing of the description is left anywhere in the database
        texts = [r.description for r in conn.execute(select(knelpunt.c.description))]
        trail = " ".join((e.after or "") + (e.before or "") for e in reg.audit_entries())
    assert texts.count(None) == 2 and "Hulp geweigerd" not in trail
    assert reg.verify_audit().ok
    reg.close()


def test_login_throttling_session_expiry_idle_logout_and_disabled_accounts(register_url):
    clock = Clock(dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC))
    reg = Register.open(register_url, clock=clock)
    policy = acc.Policy(session_minutes=120, max_failed=3, lockout_minutes=15)
    acc.add_account(reg, ADMIN, "lid1", Role.LID, password="een lang wachtwoord")
    session = acc.login(reg, "lid1", "een lang wachtwoord", policy=policy)
    assert acc.resume(reg, session.token, policy) == Principal("lid1", Role.LID, session.principal.account_id)
    clock.advance(minutes=29)
    acc.resume(reg, session.token, policy)  # within the idle time (a quarter of 120 minutes)
    clock.advance(minutes=31)
    with pytest.raises(SessionExpired):
        acc.resume(reg, session.token, policy)
    for _ in range(3):
        with pytest.raises(LoginFailed):
            acc.login(reg, "lid1", "fout wachtwoord", policy=policy)
    with pytest.raises(LoginThrottled):  # even the right password waits now
        acc.login(reg, "lid1", "een lang wachtwoord", policy=policy)
    for _ in range(3):  # an unknown name is throttled alike: no way to tell which names exist
        with pytest.raises(LoginFailed):
            acc.login(reg, "onbekend", "wat dan ook", policy=policy)
    with pytest.raises(LoginThrottled):
        acc.login(reg, "onbekend", "wat dan ook", policy=policy)
    clock.advance(minutes=16)
    second = acc.login(reg, "lid1", "een lang wachtwoord", policy=policy)
    clock.advance(minutes=20)
    acc.resume(reg, second.token, policy)
    clock.advance(minutes=25)
    acc.resume(reg, second.token, policy)
    clock.advance(minutes=25)
    acc.resume(reg, second.token, policy)
    clock.advance(minutes=25)
    acc.resume(reg, second.token, policy)
    clock.advance(minutes=26)  # 121 minutes after login: past the absolute lifetime although never idle
    with pytest.raises(SessionExpired):
        acc.resume(reg, second.token, policy)
    third = acc.login(reg, "lid1", "een lang wachtwoord", policy=policy)
    acc.logout(reg, third.token, policy)
    with pytest.raises(SessionExpired):
        acc.resume(reg, third.token, policy)
    fourth = acc.login(reg, "lid1", "een lang wachtwoord", policy=policy)
    acc.set_active(reg, ADMIN, "lid1", False)
    with pytest.raises(SessionExpired):
        acc.resume(reg, fourth.token, policy)
    with pytest.raises(LoginFailed):
        acc.login(reg, "lid1", "een lang wachtwoord", policy=policy)
    actions = [e.action for e in reg.audit_entries()]
    assert actions.count("login") == 4 and "logout" in actions
    assert all("wachtwoord" not in (e.after or "") for e in reg.audit_entries())
    reg.close()


def test_accounts_refuse_short_passwords_bad_names_and_oidc_maps_by_email(reg):
    policy = acc.Policy()
    with pytest.raises(InvalidInput, match="at least 12"):
        acc.add_account(reg, ADMIN, "lid1", Role.LID, password="kort")
    with pytest.raises(InvalidInput, match="username"):
        acc.add_account(reg, ADMIN, "Jan Jansen", Role.LID, password="een lang wachtwoord")
    with pytest.raises(AccessDenied):
        acc.add_account(reg, LID, "lid2", Role.LID, password="een lang wachtwoord")
    acc.add_account(reg, ADMIN, "burgemeester", Role.VOORZITTER, oidc_email="Voorzitter@DenHaag.example")
    session = acc.login_oidc(reg, "voorzitter@denhaag.example", policy=policy)
    assert session.principal.role is Role.VOORZITTER
    with pytest.raises(LoginFailed):
        acc.login_oidc(reg, "iemand@denhaag.example", policy=policy)
    with pytest.raises(LoginFailed):  # an OIDC-only account has no password to guess
        acc.login(reg, "burgemeester", "", policy=policy)


def test_the_migrations_create_exactly_the_schema(reg):
    with reg.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_concurrent_writers_keep_one_unbroken_audit_chain(reg):
    errors: list[BaseException] = []

    def write(start: int) -> None:
        try:
            for n in range(start, start + 5):
                reg.add_casus(LID, parsed(raw_casus(f"DBT-2026-{n:03d}")))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(1 + 10 * i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    report = reg.verify_audit()
    assert report.ok and report.entries == 20
    assert reg.counts()["casus"] == 20
