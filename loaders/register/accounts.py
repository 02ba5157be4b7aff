"""People and roles: local accounts (argon2), logins that expire, throttling, and OIDC mapped to roles.

- Passwords are stored as argon2id hashes (``argon2-cffi``); never logged, never audited.
- :func:`login` checks a password, refuses with :class:`LoginThrottled` after
  ``max_failed`` failures in a row (for ``lockout`` minutes; an unknown name is
  throttled alike, so the answer never tells whether an account exists), and
  returns a :class:`Login` whose token the caller keeps (only its SHA-256 is stored).
- :func:`resume` turns a token back into the :class:`Principal`, or raises
  :class:`SessionExpired` after the absolute lifetime, after a quarter of it
  idle, after a logout, or when the account was disabled or its password changed.
- :func:`login_oidc` maps an identity from the municipality's OpenID Connect
  provider (Streamlit's native login) to the account holding that e-mail address.

>>> from loaders.register.repository import Register
>>> reg = Register.open("sqlite://")
>>> admin = Principal("beheer:test", Role.VOORZITTER)
>>> _ = add_account(reg, admin, "lid1", Role.LID, password="lang genoeg wachtwoord")
>>> session = login(reg, "lid1", "lang genoeg wachtwoord", policy=Policy())
>>> resume(reg, session.token, Policy()).role.value
'lid'
>>> login(reg, "lid1", "fout", policy=Policy())
Traceback (most recent call last):
...
loaders.register.errors.LoginFailed: login failed: wrong user name or password
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from graph.settings import Settings
from loaders.register.errors import (
    InvalidInput,
    LoginFailed,
    LoginThrottled,
    NotFound,
    SessionExpired,
)
from loaders.register.records import Account, Principal
from loaders.register.repository import Register, require
from loaders.register.vocab import Role

__all__ = [
    "MIN_PASSWORD",
    "Login",
    "Policy",
    "add_account",
    "login",
    "login_oidc",
    "logout",
    "resume",
    "set_active",
    "set_password",
    "set_role",
    "token_digest",
]

MIN_PASSWORD = 12
_HASHER = PasswordHasher()
_DUMMY_HASH = _HASHER.hash("a password nobody has, verified for unknown names")
_USERNAME = re.compile(r"[a-z0-9][a-z0-9._\-]{1,79}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclass(frozen=True)
class Policy:
    """Session lifetime and throttling (from :class:`graph.settings.Settings`)."""

    session_minutes: int = 480
    max_failed: int = 5
    lockout_minutes: int = 15

    @classmethod
    def from_settings(cls, settings: Settings) -> Policy:
        return cls(settings.register_session_minutes, settings.register_max_failed_logins,
                   settings.register_lockout_minutes)

    @property
    def idle_minutes(self) -> int:
        return max(5, self.session_minutes // 4)


@dataclass(frozen=True)
class Login:
    """A fresh login: keep ``token`` (in the browser session); it is the only copy."""

    token: str
    principal: Principal
    expires_at: dt.datetime


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput("password", f"at least {MIN_PASSWORD} characters", f"minstens {MIN_PASSWORD} tekens")


def add_account(register: Register, actor: Principal, username: str, role: Role, *, password: str | None = None,
                oidc_email: str | None = None) -> Account:
    """Create an account with a password, an OIDC e-mail address, or both (a *voorzitter*, or administration)."""
    require(actor, Role.VOORZITTER)
    username = username.strip().lower()
    if not _USERNAME.fullmatch(username):
        raise InvalidInput("username", "2–80 of a–z, 0–9, '.', '_' or '-'", "2–80 tekens uit a–z, 0–9, '.', '_' of '-'")
    if password is None and oidc_email is None:
        raise InvalidInput("password", "give a password or an OIDC e-mail address", "geef een wachtwoord of een OIDC-e-mailadres")
    if password is not None:
        _check_password(password)
    if oidc_email is not None and not _EMAIL.fullmatch(oidc_email.strip()):
        raise InvalidInput("oidc_email", "not an e-mail address", "geen e-mailadres")
    return register.insert_account(actor, username, role, _HASHER.hash(password) if password else None,
                                   oidc_email.strip().lower() if oidc_email else None)


def set_password(register: Register, actor: Principal, username: str, password: str) -> Account:
    """A new password (ends the account's sessions)."""
    require(actor, Role.VOORZITTER)
    _check_password(password)
    return register.update_account(actor, username, password_hash=_HASHER.hash(password))


def set_role(register: Register, actor: Principal, username: str, role: Role) -> Account:
    require(actor, Role.VOORZITTER)
    return register.update_account(actor, username, role=role.value)


def set_active(register: Register, actor: Principal, username: str, active: bool) -> Account:
    """Disable (ends its sessions) or enable an account."""
    require(actor, Role.VOORZITTER)
    return register.update_account(actor, username, active=active)


def _start(register: Register, row, policy: Policy, method: str) -> Login:
    principal = Principal(row.username, Role(row.role), row.id)
    token = secrets.token_urlsafe(32)
    expires = register.clock() + dt.timedelta(minutes=policy.session_minutes)
    register.insert_session(principal, token_digest(token), expires, method)
    return Login(token, principal, expires)


def login(register: Register, username: str, password: str, *, policy: Policy) -> Login:
    """Check a user name and password; start a session.

    Raises
    ------
    LoginThrottled
        ``policy.max_failed`` failures in a row within ``policy.lockout_minutes``.
    LoginFailed
        Wrong name or password, or a disabled account (the message never says which).
    """
    username = username.strip().lower()
    now = register.clock()
    failures, latest = register.failures_since_success(username, now - dt.timedelta(minutes=policy.lockout_minutes))
    if failures >= policy.max_failed:
        wait = policy.lockout_minutes - int((now - latest).total_seconds() // 60) if latest else policy.lockout_minutes
        raise LoginThrottled(max(1, wait))
    row = register.account_row(username=username)
    stored = row.password_hash if row is not None and row.active and row.password_hash else _DUMMY_HASH
    try:
        _HASHER.verify(stored, password)
        ok = stored is not _DUMMY_HASH
    except (VerificationError, InvalidHashError):
        ok = False
    register.record_login_attempt(username, ok)
    if not ok:
        raise LoginFailed()
    return _start(register, row, policy, "password")


def login_oidc(register: Register, email: str | None, *, policy: Policy) -> Login:
    """Start a session for an identity the OIDC provider vouched for, by its e-mail address.

    Raises :class:`LoginFailed` when no active account holds that address: the provider
    says who someone is, the register's accounts say what they may do.
    """
    row = register.account_row(email=email.strip().lower()) if email else None
    if row is None or not row.active:
        raise LoginFailed()
    return _start(register, row, policy, "oidc")


def resume(register: Register, token: str | None, policy: Policy) -> Principal:
    """The principal of a live session; refreshes its idle clock."""
    if not token:
        raise SessionExpired()
    digest = token_digest(token)
    row = register.session_row(digest)
    now = register.clock()
    if row is None or row.ended or not row.active:
        raise SessionExpired()
    expires = row.expires_at if row.expires_at.tzinfo else row.expires_at.replace(tzinfo=dt.UTC)
    seen = row.last_seen if row.last_seen.tzinfo else row.last_seen.replace(tzinfo=dt.UTC)
    if now >= expires or now - seen > dt.timedelta(minutes=policy.idle_minutes):
        raise SessionExpired()
    register.touch_session(digest, now)
    return Principal(row.username, Role(row.role), row.account_id)


def logout(register: Register, token: str | None, policy: Policy) -> None:
    """End a session (idempotent)."""
    try:
        principal = resume(register, token, policy)
    except SessionExpired:
        return
    register.end_session(principal, token_digest(token or ""))


def account(register: Register, username: str) -> Account:
    row = register.account_row(username=username.strip().lower())
    if row is None:
        raise NotFound(f"no account {username!r}", f"geen account {username!r}")
    return register._account(row)
