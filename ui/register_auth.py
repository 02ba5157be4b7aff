"""Login for the register pages: local accounts or the municipality's OpenID Connect provider.

The chain map stays open to everyone; every register page calls
:func:`require` first, which shows the login form and stops the page until
someone with the needed role is logged in. A login is a register session
(:mod:`loaders.register.accounts`): its token lives only in this browser
session's state, it expires, and failed logins are throttled.

OIDC uses Streamlit's native login (``st.login`` with an ``[auth]`` section in
``secrets.toml``); the identity's e-mail address is mapped to the register
account that holds it (``ketenkaart users add NAME --role lid --oidc-email …``).

Also here: the register's pages for the router (:func:`register_pages`) and the
cached register connection (never mutated).
"""

from __future__ import annotations

import streamlit as st

from graph.errors import ChainError
from graph.settings import Settings
from loaders.register import accounts as acc
from loaders.register.connect import open_register
from loaders.register.demo import DEMO_ACCOUNTS
from loaders.register.errors import LoginFailed, RegisterError, SessionExpired
from loaders.register.records import Principal
from loaders.register.repository import Register
from loaders.register.vocab import Role, name
from ui.state import chain, lang, t

__all__ = [
    "TOKEN_KEY",
    "demo_banner",
    "element_label",
    "element_options",
    "evidence_providers",
    "oidc_configured",
    "principal",
    "register",
    "register_pages",
    "require",
    "show_register_error",
]

TOKEN_KEY = "register_token"


@st.cache_resource(show_spinner=False)
def _register(url: str, demo: bool) -> Register:
    settings = Settings.from_env()
    return open_register(settings, chain().model if demo else None)


def register() -> Register:
    """The register the settings point at (one connection pool per process; never mutated)."""
    injected = st.session_state.get("register")  # tests inject a Register
    if isinstance(injected, Register):
        return injected
    settings = Settings.from_env()
    return _register(settings.register_url, settings.register_demo)


def policy() -> acc.Policy:
    return acc.Policy.from_settings(Settings.from_env())


def oidc_configured() -> bool:
    """Whether ``secrets.toml`` has an ``[auth]`` section for Streamlit's native OIDC login."""
    try:
        return "auth" in st.secrets and bool(st.secrets["auth"].get("client_id") or any(
            isinstance(v, dict) and v.get("client_id") for v in st.secrets["auth"].values()))
    except (FileNotFoundError, KeyError, AttributeError):
        return False
    except Exception:  # noqa: BLE001 - Streamlit raises its own error for a missing or broken secrets file
        return False


def _oidc_email() -> str | None:
    try:
        user = st.user
        if user.get("is_logged_in"):
            email = user.get("email")
            return email if isinstance(email, str) else None
    except (AttributeError, KeyError):
        return None
    return None


def principal() -> Principal | None:
    """Who is logged in to the register in this browser session, or None (expired sessions end here)."""
    reg = register()
    token = st.session_state.get(TOKEN_KEY)
    if token:
        try:
            return acc.resume(reg, token, policy())
        except SessionExpired:
            st.session_state.pop(TOKEN_KEY, None)
            st.session_state["register_expired"] = True
    if oidc_configured() and _oidc_email() and not st.session_state.get("register_oidc_refused"):
        try:
            session = acc.login_oidc(reg, _oidc_email(), policy=policy())
        except LoginFailed:
            st.session_state["register_oidc_refused"] = True
            return None
        st.session_state[TOKEN_KEY] = session.token
        return session.principal
    return None


def show_register_error(exc: ChainError) -> None:
    """A register error in the reader's language (never a stored value)."""
    phrase = getattr(exc, "phrase", None)
    st.error(phrase.in_(lang()) if phrase is not None else str(exc))


def _login_form() -> None:
    reg = register()
    st.info(t("reg.login_needed"))
    if st.session_state.pop("register_expired", False):
        st.warning(t("reg.expired"))
    if st.session_state.get("register_oidc_refused"):
        st.warning(t("reg.oidc_refused"))
    with st.form("reg_login"):
        username = st.text_input(t("reg.username"), key="reg_login_user", autocomplete="username")
        password = st.text_input(t("reg.password"), type="password", key="reg_login_password",
                                 autocomplete="current-password")
        submitted = st.form_submit_button(t("reg.login"), type="primary")
    if submitted:
        try:
            session = acc.login(reg, username, password, policy=policy())
        except RegisterError as exc:
            show_register_error(exc)
        else:
            st.session_state[TOKEN_KEY] = session.token
            st.session_state.pop("reg_login_password", None)
            st.rerun()
    if oidc_configured() and st.button(t("reg.login_oidc"), key="reg_login_oidc"):
        st.session_state.pop("register_oidc_refused", None)
        st.login()
    if reg.is_demo:
        st.caption(t("reg.demo_accounts", accounts=", ".join(f"{u} / {p}" for u, _, p in DEMO_ACCOUNTS)))


def require(needed: Role = Role.LEZER) -> Principal:
    """The logged-in principal with at least ``needed``; otherwise show the login form (or a refusal) and stop."""
    try:
        who = principal()
    except ChainError as exc:
        show_register_error(exc)
        st.stop()
    if who is None:
        _login_form()
        st.stop()
    _account_box(who)
    if not who.can(needed):
        st.warning(t("reg.role_needed", role=name(needed, lang()), mine=name(who.role, lang())))
        st.stop()
    return who


def _account_box(who: Principal) -> None:
    # On the page itself, not in the sidebar: with the navigation at the top the sidebar starts collapsed,
    # and who is logged in (and the way out) must stay in sight.
    said, button = st.columns([5, 1], vertical_alignment="center")
    said.caption(t("reg.logged_in", user=who.username, role=name(who.role, lang())))
    with button:
        if st.button(t("reg.logout"), key="reg_logout"):
            acc.logout(register(), st.session_state.pop(TOKEN_KEY, None), policy())
            if _oidc_email():
                st.logout()  # ends the session at the provider too, which sends the browser back here
            else:
                st.rerun()  # (after st.logout a rerun could cancel the redirect to the provider)


def demo_banner() -> None:
    """The FICTITIOUS label on every page of the demo register."""
    if register().is_demo:
        st.warning(t("reg.demo_banner"), icon="⚠️")


def evidence_providers(model) -> list:
    """The register's evidence for ``why`` on a page: none unless logged in; suppressed for lezers.

    Without a login in this browser session the register database is not even opened.
    """
    if not st.session_state.get(TOKEN_KEY) and not (oidc_configured() and _oidc_email()):
        return []
    who = principal()
    if who is None:
        return []
    from queries.register.evidence import RegisterEvidence

    settings = Settings.from_env()
    return [RegisterEvidence(register().snapshot(), model, threshold=settings.suppression_threshold,
                             suppressed=not who.can(Role.LID))]


def register_pages() -> list:
    """The register's pages for ``st.navigation`` (the router adds them after the chain pages)."""
    return [
        st.Page("app_pages/register_overzicht.py", title=t("nav.reg_overview"), url_path="doorbraakteam"),
        st.Page("app_pages/register_casus.py", title=t("nav.reg_casus"), url_path="doorbraakteam-casus"),
        st.Page("app_pages/register_opvolging.py", title=t("nav.reg_board"), url_path="doorbraakteam-opvolging"),
        st.Page("app_pages/register_systeem.py", title=t("nav.reg_system"), url_path="doorbraakteam-systeem"),
        st.Page("app_pages/register_rapport.py", title=t("nav.reg_report"), url_path="doorbraakteam-rapport"),
        st.Page("app_pages/register_beheer.py", title=t("nav.reg_admin"), url_path="doorbraakteam-beheer"),
    ]


def element_label(model, element_id: str) -> str:
    """A chain element as the register pages name it: its name and kind (hand-offs with from → to)."""
    from ui.i18n import kind_name
    from ui.state import name_of

    element = model.index.get(element_id)
    if element is None:
        return element_id
    kind = model.kind_of(element_id)
    label = name_of(element)
    if kind == "handoffs" and element.from_org in model.index and element.to_org in model.index:
        label = f"{name_of(model.index[element.from_org])} → {name_of(model.index[element.to_org])}: {label}"
    return f"{label} · {kind_name(kind, lang())}"


def element_options(model) -> list[str]:
    """The ids a knelpunt can be tied to: hand-offs first, then organisations, instruments, legal bases."""
    from loaders.register.vocab import ELEMENT_KINDS

    return [e.id for kind in ELEMENT_KINDS for e in sorted(getattr(model, kind), key=lambda e: e.id)]
