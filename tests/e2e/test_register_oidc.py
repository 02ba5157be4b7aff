"""OpenID Connect login to the register through Streamlit's native login, against a local mock provider
(``oidc-provider-mock`` from PyPI on localhost): an identity whose e-mail address belongs to a register account
gets that account's role; an unknown identity gets no access. The chain map stays open throughout."""

from __future__ import annotations

import pytest

from loaders.register import accounts as acc
from loaders.register.demo import admin
from loaders.register.repository import Register
from loaders.register.vocab import Role
from tests.e2e.plugin import ARTIFACTS, follow_nav_link, free_port, start_streamlit, stop

pytestmark = [pytest.mark.browser, pytest.mark.register]

CHAIR = "voorzitter@denhaag.example"


@pytest.fixture(scope="module")
def oidc_app(tmp_path_factory):
    """A mock OIDC provider and a Streamlit server whose secrets.toml points its native login at it."""
    from oidc_provider_mock import run_server_in_thread

    folder = tmp_path_factory.mktemp("oidc")
    url = f"sqlite:///{folder / 'register.sqlite'}"
    reg = Register.open(url)
    acc.add_account(reg, admin(), "burgemeester", Role.VOORZITTER, oidc_email=CHAIR)
    reg.close()
    with run_server_in_thread(port=free_port()) as provider:
        port = free_port()
        secrets = folder / "secrets.toml"
        secrets.write_text(
            "[auth]\n"
            f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
            'cookie_secret = "only-for-this-test-a-long-random-cookie-secret-0123456789"\n'
            'client_id = "ketenkaart"\n'
            'client_secret = "geheim-voor-de-test"\n'
            f'server_metadata_url = "http://localhost:{provider.server_port}/.well-known/openid-configuration"\n',
            encoding="utf-8")
        ARTIFACTS.mkdir(exist_ok=True)
        proc = start_streamlit(port, env={"KETENKAART_DATABASE_URL": url, "STREAMLIT_SECRETS_FILES": str(secrets)},
                               log_path=ARTIFACTS / "streamlit-register-oidc.log")
        yield f"http://127.0.0.1:{port}"
        stop(proc)


# The mock provider's own authorisation page asks a CDN for its stylesheet; the browser blocks it (no network),
# and it is not a request of ketenkaart, so the guard does not count it (nor the console error it causes there).
PROVIDER_STYLESHEET = "https://cdn.jsdelivr.net/npm/@picocss/"


def _login_via_provider(guard, base: str, subject: str) -> None:
    page = guard.page
    page.goto(base + "/")
    follow_nav_link(page, "Bevindingen")
    before = len(guard.console_errors)
    page.get_by_role("button", name="Inloggen met het gemeenteaccount").click()
    page.locator("input[name=sub]").fill(subject)  # the mock provider's own authorisation form
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{base}/**")
    guard.foreign_requests[:] = [u for u in guard.foreign_requests if not u.startswith(PROVIDER_STYLESHEET)]
    guard.console_errors[before:] = [e for e in guard.console_errors[before:] if "net::ERR_FAILED" not in e]
    follow_nav_link(page, "Bevindingen")


def test_an_oidc_identity_gets_the_role_of_its_register_account(ui_page, oidc_app):
    page = ui_page.page
    _login_via_provider(ui_page, oidc_app, CHAIR)
    page.get_by_text("Ingelogd als burgemeester (voorzitter)").wait_for()
    follow_nav_link(page, "Beheer")
    page.get_by_role("heading", name="Leden en rollen").wait_for()
    ui_page.screenshot("register-oidc-voorzitter")
    before = len(ui_page.console_errors)
    page.get_by_role("button", name="Uitloggen").click()
    # Log-out ends the session at the provider too (RP-initiated logout): the mock provider shows its
    # end-session page, whose button sends the browser back to the app.
    end_session = page.get_by_role("button", name="End session")
    end_session.wait_for(timeout=30_000)
    end_session.click()
    page.wait_for_url(f"{oidc_app}/**")
    page.get_by_role("link", name="Ketenkaart", exact=True).wait_for(timeout=30_000)
    ui_page.foreign_requests[:] = [u for u in ui_page.foreign_requests if not u.startswith(PROVIDER_STYLESHEET)]
    ui_page.console_errors[before:] = [e for e in ui_page.console_errors[before:] if "net::ERR_FAILED" not in e]
    assert page.get_by_text("Ingelogd als").count() == 0


def test_an_unknown_oidc_identity_gets_no_access_but_the_map_stays_open(ui_page, oidc_app):
    page = ui_page.page
    _login_via_provider(ui_page, oidc_app, "iemand@elders.example")
    page.get_by_text("niet gekoppeld aan een account van het register").wait_for()
    assert page.get_by_text("Ingelogd als").count() == 0
    page.get_by_role("link", name="Ketenkaart", exact=True).click()
    page.locator(".kk-map[data-ready='1']").first.wait_for(state="attached", timeout=30_000)
