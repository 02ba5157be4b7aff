"""The one place the register builds SQL: every read and write of the register database.

:class:`Register` wraps an engine. Every statement is a SQLAlchemy Core
construct with bound parameters. Every write runs in one transaction that
first takes the audit head's row lock (so writers queue, on SQLite and on
PostgreSQL alike), makes its change, and appends its audit entry
(:mod:`loaders.register.audit`) before it commits: a change and its audit
entry are stored together or not at all.

Content methods take the acting :class:`~loaders.register.records.Principal`
and check its role: *lezer* reads no casus detail, *lid* records and edits,
*voorzitter* closes casussen, manages accounts and approves reports.

Examples
--------
>>> from graph.examples import toy_chain
>>> from loaders.register.validate import parse_casus
>>> reg = Register.open("sqlite://")
>>> lid = Principal("lid1", Role.LID)
>>> raw = {"code": "DBT-2026-001", "review_date": "2026-03-02", "region": "den-haag", "violence": "partnergeweld",
...        "knelpunten": [{"elements": "ho-vt-lokaal-team", "category": "terugkoppeling",
...                        "description": "Geen terugkoppeling."}]}
>>> casus = reg.add_casus(lid, parse_casus(raw, toy_chain())[0])
>>> casus.code, casus.knelpunten[0].elements
('DBT-2026-001', ('ho-vt-lokaal-team',))
>>> reg.casus(Principal("lezer1", Role.LEZER), "DBT-2026-001")
Traceback (most recent call last):
...
loaders.register.errors.AccessDenied: this needs the role 'lid' (you are 'lezer')
>>> reg.verify_audit().ok
True
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, overload

from sqlalchemy import Connection, Engine, and_, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from graph.vocab import Category
from loaders.register import audit as audit_chain
from loaders.register.errors import AccessDenied, InvalidInput, NotFound
from loaders.register.records import (
    Account,
    Agreement,
    AgreementInput,
    AuditEntry,
    Casus,
    CasusInput,
    Knelpunt,
    Principal,
    ReportApproval,
    Snapshot,
    SystemIssue,
    SystemIssueInput,
)
from loaders.register.schema import (
    account,
    agreement,
    audit_entry,
    casus,
    casus_organisation,
    casus_violence,
    knelpunt,
    knelpunt_element,
    login_attempt,
    login_session,
    migrate,
    open_engine,
    register_meta,
    report_approval,
    system_issue,
    system_issue_knelpunt,
)
from loaders.register.vocab import (
    AgreementStatus,
    CasusStatus,
    Level,
    Role,
    SystemStatus,
    ViolenceKind,
)

__all__ = ["Principal", "Register", "Role", "utcnow"]

HEAD = "audit_head"


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@overload
def _utc(value: dt.datetime) -> dt.datetime: ...
@overload
def _utc(value: None) -> None: ...
def _utc(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands back naive datetimes; everything stored is UTC."""
    if value is None:
        return None
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def require(actor: Principal, needed: Role) -> None:
    """Raise :class:`AccessDenied` unless ``actor`` has at least the role ``needed``."""
    if not actor.can(needed):
        raise AccessDenied(f"this needs the role {needed.value!r} (you are {actor.role.value!r})",
                           f"hiervoor is de rol '{needed.value}' nodig (u bent '{actor.role.value}')")


class _Tx:
    """One write transaction: the connection, who acts, and the audit appender."""

    def __init__(self, conn: Connection, actor: Principal, now: dt.datetime):
        self.conn, self.actor, self.now = conn, actor, now

    def audit(self, action: str, entity: str, entity_id: Any, before: dict | None, after: dict | None) -> None:
        head = self.conn.execute(select(register_meta.c.value).where(register_meta.c.key == HEAD)).scalar_one()
        last_id, prev = head.split(":", 1)
        entry_id = int(last_id) + 1
        before_text = audit_chain.canonical(audit_chain.redact(before)) if before is not None else None
        after_text = audit_chain.canonical(audit_chain.redact(after)) if after is not None else None
        at = audit_chain.timestamp(self.now)
        digest = audit_chain.entry_hash(prev, entry_id, at, self.actor.username, action, entity, str(entity_id),
                                        before_text, after_text)
        self.conn.execute(insert(audit_entry).values(
            id=entry_id, at=self.now, actor=self.actor.username, action=action, entity=entity,
            entity_id=str(entity_id), before=before_text, after=after_text, prev_hash=prev, hash=digest))
        self.conn.execute(update(register_meta).where(register_meta.c.key == HEAD).values(value=f"{entry_id}:{digest}"))


class Register:
    """The register database. Open with :meth:`open`; all methods are safe to call from several threads."""

    def __init__(self, engine: Engine, *, clock: Callable[[], dt.datetime] = utcnow):
        self.engine = engine
        self.clock = clock

    @classmethod
    def open(cls, url: str, *, clock: Callable[[], dt.datetime] = utcnow, upgrade: bool = True) -> Register:
        """Open (and by default create or upgrade, with the Alembic migrations) the register at ``url``."""
        engine = open_engine(url)
        if upgrade:
            migrate(engine)
        return cls(engine, clock=clock)

    def close(self) -> None:
        self.engine.dispose()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    # --- transactions ---------------------------------------------------------------------------

    @contextmanager
    def _write(self, actor: Principal) -> Iterator[_Tx]:
        with self.engine.begin() as conn:
            # take the write lock first: the audit head row (PostgreSQL row lock; SQLite write lock)
            conn.execute(update(register_meta).where(register_meta.c.key == HEAD)
                         .values(value=register_meta.c.value))
            yield _Tx(conn, actor, self.clock())

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    # --- meta -----------------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        with self._read() as conn:
            return conn.execute(select(register_meta.c.value).where(register_meta.c.key == key)).scalar_one_or_none()

    def set_meta(self, actor: Principal, key: str, value: str) -> None:
        """Set a key of ``register_meta`` (audited); the audit head cannot be set this way."""
        if key == HEAD:
            raise InvalidInput("key", "the audit head is kept by the audit trail itself")
        with self._write(actor) as tx:
            before = tx.conn.execute(
                select(register_meta.c.value).where(register_meta.c.key == key)
            ).scalar_one_or_none()
            if before is None:
                tx.conn.execute(insert(register_meta).values(key=key, value=value))
            else:
                tx.conn.execute(update(register_meta).where(register_meta.c.key == key).values(value=value))
            tx.audit("set", "meta", key, None if before is None else {"value": before}, {"value": value})

    @property
    def is_demo(self) -> bool:
        return self.meta("demo") == "1"

    # --- accounts, sessions, login attempts ----------------------------------------------------

    @staticmethod
    def _account(row) -> Account:
        return Account(id=row.id, username=row.username, role=Role(row.role), oidc_email=row.oidc_email,
                       active=bool(row.active), has_password=row.password_hash is not None,
                       created_at=_utc(row.created_at))

    def accounts(self) -> tuple[Account, ...]:
        with self._read() as conn:
            return tuple(self._account(r) for r in conn.execute(select(account).order_by(account.c.username)))

    def account_row(self, *, username: str | None = None, email: str | None = None, account_id: int | None = None):
        """The raw account row (with its password hash) for :mod:`loaders.register.accounts`; None when unknown."""
        query = select(account)
        if username is not None:
            query = query.where(account.c.username == username)
        elif email is not None:
            query = query.where(func.lower(account.c.oidc_email) == email.lower())
        else:
            query = query.where(account.c.id == account_id)
        with self._read() as conn:
            return conn.execute(query).first()

    def insert_account(self, actor: Principal, username: str, role: Role, password_hash: str | None,
                       oidc_email: str | None) -> Account:
        with self._write(actor) as tx:
            try:
                new_id = tx.conn.execute(insert(account).values(
                    username=username, role=role.value, password_hash=password_hash, oidc_email=oidc_email,
                    active=True, created_at=tx.now).returning(account.c.id)).scalar_one()
            except IntegrityError:
                raise InvalidInput("username", f"an account {username!r} (or that e-mail address) already exists",
                                   f"er is al een account {username!r} (of dat e-mailadres)") from None
            tx.audit("create", "account", new_id, None, {"username": username, "role": role.value,
                                                          "password": password_hash is not None,
                                                          "oidc_email": oidc_email})
        return self._account(self.account_row(account_id=new_id))

    def update_account(self, actor: Principal, username: str, **values: Any) -> Account:
        """Change an account's ``role``, ``password_hash`` or ``active`` (audited; the hash never is)."""
        row = self.account_row(username=username)
        if row is None:
            raise NotFound(f"no account {username!r}", f"geen account {username!r}")
        with self._write(actor) as tx:
            tx.conn.execute(update(account).where(account.c.id == row.id).values(**values))
            if values.get("active") is False or "password_hash" in values:
                tx.conn.execute(update(login_session).where(login_session.c.account_id == row.id).values(ended=True))
            shown = {k: (v is not None) if k == "password_hash" else v for k, v in values.items()}
            tx.audit("update", "account", row.id, {k: (getattr(row, k) is not None) if k == "password_hash"
                                                    else getattr(row, k) for k in values}, shown)
        return self._account(self.account_row(account_id=row.id))

    def record_login_attempt(self, username: str, succeeded: bool) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(login_attempt).values(username=username[:80], at=self.clock(), succeeded=succeeded))

    def failures_since_success(self, username: str, since: dt.datetime) -> tuple[int, dt.datetime | None]:
        """Failed logins of ``username`` after ``since`` and after its last success; and the latest failure."""
        with self._read() as conn:
            last_ok = conn.execute(select(func.max(login_attempt.c.at)).where(
                login_attempt.c.username == username, login_attempt.c.succeeded.is_(True))).scalar_one_or_none()
            start = max(since, _utc(last_ok)) if last_ok else since
            row = conn.execute(select(func.count(), func.max(login_attempt.c.at)).where(
                login_attempt.c.username == username, login_attempt.c.succeeded.is_(False),
                login_attempt.c.at > start)).one()
            return int(row[0]), _utc(row[1])

    def insert_session(self, actor: Principal, token_hash: str, expires_at: dt.datetime, method: str) -> None:
        with self._write(actor) as tx:
            tx.conn.execute(insert(login_session).values(token_hash=token_hash, account_id=actor.account_id,
                                                         created_at=tx.now, last_seen=tx.now,
                                                         expires_at=expires_at, ended=False))
            tx.audit("login", "account", actor.account_id, None, {"method": method, "expires_at": expires_at})

    def session_row(self, token_hash: str):
        with self._read() as conn:
            return conn.execute(
                select(login_session, account.c.username, account.c.role, account.c.active)
                .join(account, account.c.id == login_session.c.account_id)
                .where(login_session.c.token_hash == token_hash)).first()

    def touch_session(self, token_hash: str, now: dt.datetime) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(login_session).where(login_session.c.token_hash == token_hash).values(last_seen=now))

    def end_session(self, actor: Principal, token_hash: str) -> None:
        with self._write(actor) as tx:
            done = tx.conn.execute(update(login_session).where(
                login_session.c.token_hash == token_hash, login_session.c.ended.is_(False)).values(ended=True)).rowcount
            if done:
                tx.audit("logout", "account", actor.account_id, None, None)

    # --- casussen ---------------------------------------------------------------------------------

    def _insert_casus(self, tx: _Tx, data: CasusInput) -> int:
        try:
            casus_id = tx.conn.execute(insert(casus).values(
                code=data.code, review_date=data.review_date, region=data.region, status=data.status.value,
                closed_on=data.closed_on, created_at=tx.now, updated_at=tx.now).returning(casus.c.id)).scalar_one()
        except IntegrityError:
            raise InvalidInput("code", f"casus {data.code} already exists", f"casus {data.code} bestaat al") from None
        self._insert_parts(tx, casus_id, data)
        return casus_id

    def _insert_parts(self, tx: _Tx, casus_id: int, data: CasusInput) -> None:
        for kind in data.violence:
            tx.conn.execute(insert(casus_violence).values(casus_id=casus_id, kind=kind.value))
        for org in data.organisations:
            tx.conn.execute(insert(casus_organisation).values(casus_id=casus_id, organisation_id=org))
        for number, kp in enumerate(data.knelpunten, 1):
            kp_id = tx.conn.execute(insert(knelpunt).values(
                casus_id=casus_id, number=number, category=kp.category.value, description=kp.description,
                evidence=kp.evidence).returning(knelpunt.c.id)).scalar_one()
            for position, element_id in enumerate(kp.elements):
                tx.conn.execute(insert(knelpunt_element).values(knelpunt_id=kp_id, element_id=element_id,
                                                                position=position))
            for ag in kp.agreements:
                self._insert_agreement(tx, ag, knelpunt_id=kp_id, default_day=data.review_date)

    def _insert_agreement(self, tx: _Tx, ag: AgreementInput, *, knelpunt_id: int | None = None,
                          system_issue_id: int | None = None, default_day: dt.date | None = None) -> int:
        return tx.conn.execute(insert(agreement).values(
            knelpunt_id=knelpunt_id, system_issue_id=system_issue_id, what=ag.what, by_organisation=ag.by_organisation,
            by_role=ag.by_role, deadline=ag.deadline, follow_up=ag.follow_up, status=ag.status.value,
            level=ag.level.value, agreed_on=ag.agreed_on or default_day or tx.now.date(),
            updated_at=tx.now).returning(agreement.c.id)).scalar_one()

    @staticmethod
    def _casus_state(c: Casus) -> dict[str, Any]:
        """A casus as the audit trail records it (free text is redacted there)."""
        return {
            "code": c.code, "review_date": c.review_date, "region": c.region, "status": c.status.value,
            "closed_on": c.closed_on, "violence": [v.value for v in c.violence], "organisations": list(c.organisations),
            "knelpunten": [{"number": k.number, "elements": list(k.elements), "category": k.category.value,
                            "description": k.description, "evidence": k.evidence,
                            "agreements": [Register._agreement_state(a) for a in k.agreements]}
                           for k in c.knelpunten],
        }

    @staticmethod
    def _agreement_state(a: Agreement) -> dict[str, Any]:
        return {"what": a.what, "by_organisation": a.by_organisation, "by_role": a.by_role, "deadline": a.deadline,
                "follow_up": a.follow_up, "status": a.status.value, "level": a.level.value, "agreed_on": a.agreed_on}

    def add_casus(self, actor: Principal, data: CasusInput) -> Casus:
        """Record a casus with its knelpunten and agreements (a *lid*; closing needs a *voorzitter*)."""
        require(actor, Role.LID)
        if data.status is CasusStatus.CLOSED:
            require(actor, Role.VOORZITTER)
        with self._write(actor) as tx:
            casus_id = self._insert_casus(tx, data)
            created = self._casus_by(tx.conn, casus.c.id == casus_id)
            tx.audit("create", "casus", casus_id, None, self._casus_state(created))
        return created

    def import_casussen(self, actor: Principal, items: list[CasusInput]) -> int:
        """Add many casussen in one transaction: all or none (see :mod:`loaders.register.interchange`)."""
        require(actor, Role.LID)
        if any(item.status is CasusStatus.CLOSED for item in items):
            require(actor, Role.VOORZITTER)
        with self._write(actor) as tx:
            for data in items:
                casus_id = self._insert_casus(tx, data)
                state = self._casus_state(self._casus_by(tx.conn, casus.c.id == casus_id))
                tx.audit("import", "casus", casus_id, None, state)
        return len(items)

    def import_with_system_issues(self, actor: Principal, items: list[CasusInput],
                                  build_issues: Callable[[dict[tuple[str, int], int]], list]) -> int:
        """Add casussen and then the systeemknelpunten over them, in one transaction.

        ``build_issues`` gets ``{(casus code, knelpunt number): knelpunt id}`` and returns
        ``[(SystemIssueInput, [AgreementInput, …]), …]``; if it raises, nothing is stored.
        """
        require(actor, Role.LID)
        with self._write(actor) as tx:
            for data in items:
                casus_id = self._insert_casus(tx, data)
                state = self._casus_state(self._casus_by(tx.conn, casus.c.id == casus_id))
                tx.audit("import", "casus", casus_id, None, state)
            rows = tx.conn.execute(select(casus.c.code, knelpunt.c.number, knelpunt.c.id)
                                   .join(knelpunt, knelpunt.c.casus_id == casus.c.id)
                                   .where(casus.c.code.is_not(None))).all()
            for data, agreements in build_issues({(r.code, r.number): r.id for r in rows}):
                issue_id = self._insert_system_issue(tx, data, agreements)
                tx.audit("import", "system_issue", issue_id, None,
                         self._system_state(self._read_system_issues(tx.conn, [issue_id])[0]))
        return len(items)

    def update_casus(self, actor: Principal, code: str, data: CasusInput) -> Casus:
        """Replace a casus's fields, knelpunten and agreements (a *lid*; not once closed or reduced).

        Knelpunten are matched by number, so links to systeemknelpunten survive an edit.
        """
        require(actor, Role.LID)
        with self._write(actor) as tx:
            before = self._casus_by(tx.conn, casus.c.code == code)
            if before.status in (CasusStatus.CLOSED, CasusStatus.REDUCED) and not actor.can(Role.VOORZITTER):
                raise AccessDenied("a closed casus is changed only by the voorzitter",
                                   "een gesloten casus wijzigt alleen de voorzitter")
            if data.status is CasusStatus.CLOSED and before.status is not CasusStatus.CLOSED:
                require(actor, Role.VOORZITTER)
            if data.code != code:
                raise InvalidInput(
                    "code", "the code of a casus does not change", "de code van een casus verandert niet"
                )
            tx.conn.execute(update(casus).where(casus.c.id == before.id).values(
                review_date=data.review_date, region=data.region, status=data.status.value,
                closed_on=data.closed_on, updated_at=tx.now))
            tx.conn.execute(delete(casus_violence).where(casus_violence.c.casus_id == before.id))
            tx.conn.execute(delete(casus_organisation).where(casus_organisation.c.casus_id == before.id))
            for kind in data.violence:
                tx.conn.execute(insert(casus_violence).values(casus_id=before.id, kind=kind.value))
            for org in data.organisations:
                tx.conn.execute(insert(casus_organisation).values(casus_id=before.id, organisation_id=org))
            existing = {k.number: k for k in before.knelpunten}
            for number, kp in enumerate(data.knelpunten, 1):
                if number in existing:
                    kp_id = existing[number].id
                    tx.conn.execute(update(knelpunt).where(knelpunt.c.id == kp_id).values(
                        category=kp.category.value, description=kp.description, evidence=kp.evidence))
                    tx.conn.execute(delete(knelpunt_element).where(knelpunt_element.c.knelpunt_id == kp_id))
                    tx.conn.execute(delete(agreement).where(agreement.c.knelpunt_id == kp_id))
                else:
                    kp_id = tx.conn.execute(insert(knelpunt).values(
                        casus_id=before.id, number=number, category=kp.category.value, description=kp.description,
                        evidence=kp.evidence).returning(knelpunt.c.id)).scalar_one()
                for position, element_id in enumerate(kp.elements):
                    tx.conn.execute(insert(knelpunt_element).values(knelpunt_id=kp_id, element_id=element_id,
                                                                    position=position))
                for ag in kp.agreements:
                    self._insert_agreement(tx, ag, knelpunt_id=kp_id, default_day=data.review_date)
            for number, old in existing.items():
                if number > len(data.knelpunten):
                    tx.conn.execute(delete(knelpunt).where(knelpunt.c.id == old.id))
            after = self._casus_by(tx.conn, casus.c.id == before.id)
            tx.audit("update", "casus", before.id, self._casus_state(before), self._casus_state(after))
        return after

    def close_casus(self, actor: Principal, code: str, on: dt.date | None = None) -> Casus:
        """Close a casus (the *voorzitter*); its retention period starts on ``on`` (default today)."""
        require(actor, Role.VOORZITTER)
        with self._write(actor) as tx:
            before = self._casus_by(tx.conn, casus.c.code == code)
            if before.status is CasusStatus.REDUCED:
                raise InvalidInput("status", "this casus was already reduced", "deze casus is al gereduceerd")
            day = on or tx.now.date()
            tx.conn.execute(update(casus).where(casus.c.id == before.id).values(
                status=CasusStatus.CLOSED.value, closed_on=day, updated_at=tx.now))
            tx.audit("close", "casus", before.id, {"status": before.status.value, "closed_on": before.closed_on},
                     {"status": CasusStatus.CLOSED.value, "closed_on": day})
            return self._casus_by(tx.conn, casus.c.id == before.id)

    def set_agreement_status(self, actor: Principal, agreement_id: int, status: AgreementStatus,
                             follow_up: dt.date | None = None) -> Agreement:
        """Move an agreement on (afgesproken → in uitvoering → gerealiseerd / niet gelukt); a *lid*."""
        require(actor, Role.LID)
        with self._write(actor) as tx:
            row = tx.conn.execute(select(agreement).where(agreement.c.id == agreement_id)).first()
            if row is None:
                raise NotFound(f"no agreement {agreement_id}", f"geen afspraak {agreement_id}")
            values: dict[str, Any] = {"status": status.value, "updated_at": tx.now}
            if follow_up is not None:
                values["follow_up"] = follow_up
            tx.conn.execute(update(agreement).where(agreement.c.id == agreement_id).values(**values))
            tx.audit("update", "agreement", agreement_id, {"status": row.status, "follow_up": row.follow_up},
                     {"status": status.value, "follow_up": follow_up or row.follow_up})
            return self._agreement(tx.conn.execute(select(agreement).where(agreement.c.id == agreement_id)).one())

    def reduce_casus(self, actor: Principal, casus_id: int, on: dt.date) -> None:
        """Retention: keep only the anonymous knelpunten of a casus (elements, categories, agreements, the month).

        The code, region, kinds of violence, organisations, the knelpunten's descriptions and evidence
        are removed; see :mod:`loaders.register.retention` for which casussen qualify.
        """
        require(actor, Role.VOORZITTER)
        with self._write(actor) as tx:
            before = self._casus_by(tx.conn, casus.c.id == casus_id)
            tx.conn.execute(delete(casus_violence).where(casus_violence.c.casus_id == casus_id))
            tx.conn.execute(delete(casus_organisation).where(casus_organisation.c.casus_id == casus_id))
            tx.conn.execute(
                update(knelpunt).where(knelpunt.c.casus_id == casus_id).values(description=None, evidence=None)
            )
            tx.conn.execute(update(casus).where(casus.c.id == casus_id).values(
                code=None, region=None, status=CasusStatus.REDUCED.value, reduced_on=on,
                review_date=before.review_date.replace(day=1), updated_at=tx.now))
            tx.audit("reduce", "casus", casus_id, {"status": before.status.value, "closed_on": before.closed_on},
                     {"status": CasusStatus.REDUCED.value, "reduced_on": on})

    def closed_before(self, day: dt.date) -> list[int]:
        """Ids of the closed (not yet reduced) casussen closed before ``day``."""
        with self._read() as conn:
            return list(conn.execute(select(casus.c.id).where(
                casus.c.status == CasusStatus.CLOSED.value, casus.c.closed_on < day).order_by(casus.c.id)).scalars())

    def casus(self, actor: Principal, code: str) -> Casus:
        """One casus with everything in it (a *lid*: lezers see no casus detail)."""
        require(actor, Role.LID)
        with self._read() as conn:
            return self._casus_by(conn, casus.c.code == code)

    def casussen(self, actor: Principal) -> tuple[Casus, ...]:
        """Every casus, newest review first (a *lid*)."""
        require(actor, Role.LID)
        return tuple(sorted(self.snapshot().casussen, key=lambda c: (c.review_date, c.id), reverse=True))

    def codes(self) -> set[str]:
        """The casus codes in use (for the import's duplicate check)."""
        with self._read() as conn:
            return set(conn.execute(select(casus.c.code).where(casus.c.code.is_not(None))).scalars())

    def next_code(self, year: int) -> str:
        """The first free ``DBT-<year>-NNN`` code."""
        used = {c for c in self.codes() if c.startswith(f"DBT-{year}-")}
        n = 1
        while f"DBT-{year}-{n:03d}" in used:
            n += 1
        return f"DBT-{year}-{n:03d}"

    def _casus_by(self, conn: Connection, condition) -> Casus:
        row = conn.execute(select(casus.c.id).where(condition)).first()
        if row is None:
            raise NotFound("no such casus", "deze casus bestaat niet")
        found = self._read_casussen(conn, [row.id])
        return found[0]

    # --- systeemknelpunten ---------------------------------------------------------------------

    def add_system_issue(self, actor: Principal, data: SystemIssueInput,
                         agreements: list[AgreementInput] | None = None) -> SystemIssue:
        """Record a systeemknelpunt grouping knelpunten of at least two casussen (a *lid*)."""
        require(actor, Role.LID)
        with self._write(actor) as tx:
            issue_id = self._insert_system_issue(tx, data, agreements or [])
            created = self._read_system_issues(tx.conn, [issue_id])[0]
            tx.audit("create", "system_issue", issue_id, None, self._system_state(created))
        return created

    def _insert_system_issue(self, tx: _Tx, data: SystemIssueInput, agreements: list[AgreementInput]) -> int:
        self._check_grouping(tx.conn, data.knelpunt_ids)
        try:
            issue_id = tx.conn.execute(insert(system_issue).values(
                code=data.code, title=data.title, description=data.description, category=data.category.value,
                level=data.level.value, status=data.status.value, owner_organisation=data.owner_organisation,
                owner_role=data.owner_role, created_at=tx.now, updated_at=tx.now)
                .returning(system_issue.c.id)).scalar_one()
        except IntegrityError:
            raise InvalidInput("code", f"systeemknelpunt {data.code} already exists",
                               f"systeemknelpunt {data.code} bestaat al") from None
        for kp_id in data.knelpunt_ids:
            tx.conn.execute(insert(system_issue_knelpunt).values(system_issue_id=issue_id, knelpunt_id=kp_id))
        for ag in agreements:
            self._insert_agreement(tx, ag, system_issue_id=issue_id)
        return issue_id

    def update_system_issue(self, actor: Principal, code: str, data: SystemIssueInput) -> SystemIssue:
        """Change a systeemknelpunt: its text, level, status, owner and the knelpunten it groups (a *lid*)."""
        require(actor, Role.LID)
        with self._write(actor) as tx:
            row = tx.conn.execute(select(system_issue.c.id).where(system_issue.c.code == code)).first()
            if row is None:
                raise NotFound(f"no systeemknelpunt {code}", f"geen systeemknelpunt {code}")
            self._check_grouping(tx.conn, data.knelpunt_ids)
            before = self._read_system_issues(tx.conn, [row.id])[0]
            tx.conn.execute(update(system_issue).where(system_issue.c.id == row.id).values(
                title=data.title, description=data.description, category=data.category.value, level=data.level.value,
                status=data.status.value, owner_organisation=data.owner_organisation, owner_role=data.owner_role,
                updated_at=tx.now))
            tx.conn.execute(delete(system_issue_knelpunt).where(system_issue_knelpunt.c.system_issue_id == row.id))
            for kp_id in data.knelpunt_ids:
                tx.conn.execute(insert(system_issue_knelpunt).values(system_issue_id=row.id, knelpunt_id=kp_id))
            after = self._read_system_issues(tx.conn, [row.id])[0]
            tx.audit("update", "system_issue", row.id, self._system_state(before), self._system_state(after))
        return after

    def add_agreement(self, actor: Principal, data: AgreementInput, *, knelpunt_id: int | None = None,
                      system_issue_code: str | None = None) -> Agreement:
        """Add an agreement to a knelpunt or a systeemknelpunt (a *lid*)."""
        require(actor, Role.LID)
        with self._write(actor) as tx:
            issue_id = None
            if system_issue_code is not None:
                issue_id = tx.conn.execute(
                    select(system_issue.c.id).where(system_issue.c.code == system_issue_code)
                ).scalar_one_or_none()
                if issue_id is None:
                    raise NotFound(
                        f"no systeemknelpunt {system_issue_code}", f"geen systeemknelpunt {system_issue_code}"
                    )
            elif tx.conn.execute(select(knelpunt.c.id).where(knelpunt.c.id == knelpunt_id)).first() is None:
                raise NotFound(f"no knelpunt {knelpunt_id}", f"geen knelpunt {knelpunt_id}")
            new_id = self._insert_agreement(tx, data, knelpunt_id=None if issue_id else knelpunt_id,
                                            system_issue_id=issue_id)
            created = self._agreement(tx.conn.execute(select(agreement).where(agreement.c.id == new_id)).one())
            tx.audit("create", "agreement", new_id, None, self._agreement_state(created))
        return created

    @staticmethod
    def _check_grouping(conn: Connection, knelpunt_ids: tuple[int, ...]) -> None:
        rows = conn.execute(select(knelpunt.c.id, knelpunt.c.casus_id).where(knelpunt.c.id.in_(knelpunt_ids))).all()
        missing = sorted(set(knelpunt_ids) - {r.id for r in rows})
        if missing:
            raise InvalidInput("knelpunt_ids", f"unknown knelpunten {missing}", f"onbekende knelpunten {missing}")
        if len({r.casus_id for r in rows}) < 2:
            raise InvalidInput("knelpunt_ids", "a systeemknelpunt groups knelpunten of at least two casussen",
                               "een systeemknelpunt bundelt knelpunten van minstens twee casussen")

    @staticmethod
    def _system_state(s: SystemIssue) -> dict[str, Any]:
        return {"code": s.code, "title": s.title, "description": s.description, "category": s.category.value,
                "level": s.level.value, "status": s.status.value, "owner_organisation": s.owner_organisation,
                "owner_role": s.owner_role, "knelpunt_ids": list(s.knelpunt_ids)}

    # --- reading everything ----------------------------------------------------------------------

    @staticmethod
    def _agreement(row) -> Agreement:
        return Agreement(id=row.id, what=row.what, by_organisation=row.by_organisation, by_role=row.by_role,
                         deadline=row.deadline, follow_up=row.follow_up, status=AgreementStatus(row.status),
                         level=Level(row.level), agreed_on=row.agreed_on, knelpunt_id=row.knelpunt_id,
                         system_issue_id=row.system_issue_id)

    @staticmethod
    def _grouped(conn: Connection, query, key: str, value: Callable[[Any], Any]) -> dict[int, list]:
        """Rows of ``query`` grouped by their ``key`` column, each turned into ``value(row)``, in query order."""
        out: dict[int, list] = {}
        for row in conn.execute(query):
            out.setdefault(getattr(row, key), []).append(value(row))
        return out

    def _read_casussen(self, conn: Connection, ids: list[int] | None = None) -> list[Casus]:
        where = casus.c.id.in_(ids) if ids is not None else and_(True)
        rows = conn.execute(select(casus).where(where).order_by(casus.c.id)).all()
        case_ids = [r.id for r in rows]
        violence = self._grouped(conn, select(casus_violence).where(casus_violence.c.casus_id.in_(case_ids))
                                 .order_by(casus_violence.c.kind), "casus_id", lambda r: ViolenceKind(r.kind))
        orgs = self._grouped(conn, select(casus_organisation).where(casus_organisation.c.casus_id.in_(case_ids))
                             .order_by(casus_organisation.c.organisation_id), "casus_id", lambda r: r.organisation_id)
        kp_rows = conn.execute(select(knelpunt).where(knelpunt.c.casus_id.in_(case_ids))
                               .order_by(knelpunt.c.casus_id, knelpunt.c.number)).all()
        kp_ids = [r.id for r in kp_rows]
        elements = self._grouped(conn, select(knelpunt_element).where(knelpunt_element.c.knelpunt_id.in_(kp_ids))
                                 .order_by(knelpunt_element.c.knelpunt_id, knelpunt_element.c.position),
                                 "knelpunt_id", lambda r: r.element_id)
        agreements = self._grouped(conn, select(agreement).where(agreement.c.knelpunt_id.in_(kp_ids))
                                   .order_by(agreement.c.id), "knelpunt_id", self._agreement)
        knelpunten: dict[int, list[Knelpunt]] = {}
        for r in kp_rows:
            knelpunten.setdefault(r.casus_id, []).append(Knelpunt(
                id=r.id, casus_id=r.casus_id, number=r.number, elements=tuple(elements.get(r.id, ())),
                category=Category(r.category), description=r.description, evidence=r.evidence,
                agreements=tuple(agreements.get(r.id, ()))))
        return [Casus(id=r.id, code=r.code, review_date=r.review_date, region=r.region,
                      violence=tuple(violence.get(r.id, ())), organisations=tuple(orgs.get(r.id, ())),
                      status=CasusStatus(r.status), closed_on=r.closed_on, knelpunten=tuple(knelpunten.get(r.id, ())),
                      updated_at=_utc(r.updated_at)) for r in rows]

    def _read_system_issues(self, conn: Connection, ids: list[int] | None = None) -> list[SystemIssue]:
        where = system_issue.c.id.in_(ids) if ids is not None else and_(True)
        rows = conn.execute(select(system_issue).where(where).order_by(system_issue.c.code)).all()
        issue_ids = [r.id for r in rows]
        links = self._grouped(
            conn,
            select(system_issue_knelpunt)
            .where(system_issue_knelpunt.c.system_issue_id.in_(issue_ids))
            .order_by(system_issue_knelpunt.c.knelpunt_id),
            "system_issue_id",
            lambda r: r.knelpunt_id,
        )
        agreements = self._grouped(conn, select(agreement).where(agreement.c.system_issue_id.in_(issue_ids))
                                   .order_by(agreement.c.id), "system_issue_id", self._agreement)
        return [SystemIssue(id=r.id, code=r.code, title=r.title, description=r.description,
                            category=Category(r.category), level=Level(r.level), status=SystemStatus(r.status),
                            owner_organisation=r.owner_organisation, owner_role=r.owner_role,
                            knelpunt_ids=tuple(links.get(r.id, ())), agreements=tuple(agreements.get(r.id, ())))
                for r in rows]

    def snapshot(self) -> Snapshot:
        """Everything, read in one transaction, for the queries in :mod:`queries.register`.

        Holds casus detail: pages and commands hand it only to queries that aggregate (and
        suppress) for *lezers*; :meth:`casus` and :meth:`casussen` check the role themselves.
        """
        with self._read() as conn:
            demo = conn.execute(select(register_meta.c.value).where(register_meta.c.key == "demo")).scalar_one_or_none()
            return Snapshot(casussen=tuple(self._read_casussen(conn)),
                            system_issues=tuple(self._read_system_issues(conn)), demo=demo == "1")

    # --- report approvals -----------------------------------------------------------------------

    def approve_report(self, actor: Principal, start: dt.date, end: dt.date) -> ReportApproval:
        """The *voorzitter* approves the report over a period (audited)."""
        require(actor, Role.VOORZITTER)
        with self._write(actor) as tx:
            new_id = tx.conn.execute(insert(report_approval).values(
                period_start=start, period_end=end, approved_by=actor.username, approved_at=tx.now)
                .returning(report_approval.c.id)).scalar_one()
            tx.audit("approve", "report", new_id, None, {"period_start": start, "period_end": end})
        return ReportApproval(new_id, start, end, actor.username, tx.now)

    def approval(self, start: dt.date, end: dt.date) -> ReportApproval | None:
        """The latest approval of exactly this period, if any."""
        with self._read() as conn:
            row = conn.execute(select(report_approval).where(
                report_approval.c.period_start == start, report_approval.c.period_end == end)
                .order_by(report_approval.c.id.desc())).first()
        if row is None:
            return None
        return ReportApproval(row.id, row.period_start, row.period_end, row.approved_by, _utc(row.approved_at))

    # --- the audit trail ------------------------------------------------------------------------

    def audit_entries(self, *, limit: int | None = None) -> list[AuditEntry]:
        """The audit trail in order (the newest ``limit`` when given)."""
        query = select(audit_entry).order_by(audit_entry.c.id)
        if limit is not None:
            query = select(audit_entry).order_by(audit_entry.c.id.desc()).limit(limit)
        with self._read() as conn:
            rows = conn.execute(query).all()
        entries = [AuditEntry(id=r.id, at=_utc(r.at), actor=r.actor, action=r.action, entity=r.entity,
                              entity_id=r.entity_id, before=r.before, after=r.after, prev_hash=r.prev_hash, hash=r.hash)
                   for r in rows]
        return sorted(entries, key=lambda e: e.id)

    def verify_audit(self) -> audit_chain.AuditReport:
        """Walk the hash chain (see :func:`loaders.register.audit.verify`)."""
        return audit_chain.verify(self.audit_entries(), self.meta(HEAD))

    def counts(self) -> dict[str, int]:
        """How many rows each content table holds (for status lines and tests)."""
        with self._read() as conn:
            return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                    for t in (casus, knelpunt, agreement, system_issue, account, audit_entry)}


def dumps(value: Any) -> str:
    """JSON as the register writes it (dates as ISO text)."""
    return json.dumps(value, ensure_ascii=False, indent=2, default=audit_chain._iso)
