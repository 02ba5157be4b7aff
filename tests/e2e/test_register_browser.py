"""The Doorbraakteam register in a real headless Chromium against a local Streamlit server.

A member logs in and records a casus with two knelpunten and an agreement
(timed: it must take under two minutes, the time is written to
test-artifacts/register-timing.txt); the chairman then sees it on the
follow-up board; a lezer sees only aggregates; ``ketenkaart why`` on the
hand-off shows the new evidence. Screenshots of every register page at
1280x800 and 1920x1080 go to test-artifacts/.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from loaders.register import accounts as acc
from loaders.register.demo import admin
from loaders.register.repository import Register
from loaders.register.vocab import Role
from tests.e2e.plugin import ARTIFACTS, follow_nav_link, start_streamlit, stop

pytestmark = [pytest.mark.browser, pytest.mark.register]

PASSWORDS = {"lid1": "lid1-wachtwoord-2026", "voorzitter1": "voorzitter1-wachtwoord-2026",
             "lezer1": "lezer1-wachtwoord-2026"}
ROLES = {"lid1": Role.LID, "voorzitter1": Role.VOORZITTER, "lezer1": Role.LEZER}
HANDOFF = "vt-overdracht-lokaal-team"
AGREEMENT = "Lokaal team koppelt binnen 10 werkdagen terug aan Veilig Thuis"
DESCRIPTION = "Veilig Thuis hoorde niet of het lokaal team de hulp startte."


@pytest.fixture(scope="module")
def register_app(tmp_path_factory):
    """A Streamlit server on an empty SQLite register with a lid, a voorzitter and a lezer."""
    folder = tmp_path_factory.mktemp("register-app")
    url = f"sqlite:///{folder / 'register.sqlite'}"
    reg = Register.open(url)
    for user, role in ROLES.items():
        acc.add_account(reg, admin(), user, role, password=PASSWORDS[user])
    reg.close()
    ARTIFACTS.mkdir(exist_ok=True)
    from tests.e2e.plugin import free_port

    port = free_port()
    proc = start_streamlit(port, env={"KETENKAART_DATABASE_URL": url, "KETENKAART_REGISTER_DEMO": "0"},
                           log_path=ARTIFACTS / "streamlit-register.log")
    yield f"http://127.0.0.1:{port}", url
    stop(proc)


def open_page(page, base: str, title: str) -> None:
    """Open the app at its root and follow the navigation link (a deep link makes Streamlit probe for 404s first)."""
    if not page.url.startswith(base):
        page.goto(base + "/")
        page.locator('[data-testid="stTopNav"]').wait_for()
    follow_nav_link(page, title)


def login(page, base: str, title: str, user: str) -> None:
    open_page(page, base, title)
    page.get_by_label("Gebruikersnaam", exact=True).fill(user)
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORDS[user])
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_text(f"Ingelogd als {user}").wait_for()


def widget(page, label: str, nth: int = 0):
    """The ``nth`` widget labelled ``label``: the nearest block around the label that holds an input."""
    return page.locator(f"xpath=//label[normalize-space(.)='{label}']/ancestor::div[.//input][1]").nth(nth)


def choose(page, label: str, search: str, nth: int = 0) -> None:
    """Type into a (multi)select to search, then click the first matching option."""
    box = widget(page, label, nth)
    box.locator("input").click()
    page.keyboard.type(search)
    option = page.get_by_role("option", name=re.compile(re.escape(search), re.IGNORECASE)).first
    option.wait_for()
    option.click()  # the first match itself (Enter in a multiselect may pick "select all matches")
    if box.get_attribute("data-testid") == "stMultiSelect":
        page.keyboard.press("Escape")  # close the still open list (a selectbox closes itself)


def fill_date(page, label: str, digits: str, nth: int = 0) -> None:
    page.locator(f"xpath=//label[normalize-space(.)='{label}']/ancestor::div[.//*[@role='spinbutton']][1]").nth(nth) \
        .locator("[role=spinbutton]").first.click()  # the day segment; typing moves on to month and year
    page.keyboard.type(digits)
    page.keyboard.press("Tab")


def test_a_member_records_a_casus_with_two_knelpunten_and_an_agreement_in_under_two_minutes(ui_page, register_app):
    base, url = register_app
    page = ui_page.page
    began = time.perf_counter()
    login(page, base, "Casus vastleggen", "lid1")
    count = page.get_by_label("Aantal knelpunten", exact=True)
    count.fill("2")
    count.press("Enter")
    page.get_by_role("heading", name="Knelpunt 2").wait_for()
    choose(page, "Vorm van geweld", "partnergeweld")
    choose(page, "Betrokken organisaties", "Veilig Thuis Haaglanden")
    choose(page, "Waar in de keten", "Overdracht Veilig Thuis aan het lokaal team", 0)
    choose(page, "Categorie", "terugkoppeling", 0)
    page.get_by_label("Korte beschrijving", exact=True).nth(0).fill(DESCRIPTION)
    page.get_by_label("Afspraak", exact=True).nth(0).fill(AGREEMENT)
    choose(page, "Door (organisatie)", "Jeugdteams en wijkteams", 0)
    page.get_by_label("Rol (geen naam)", exact=True).nth(0).fill("teamleider")
    fill_date(page, "Uiterlijk", "31012027", 0)
    choose(page, "Waar in de keten", "Hulpverlening binnen het huisverbod", 1)
    choose(page, "Categorie", "weigering", 1)
    page.get_by_label("Korte beschrijving", exact=True).nth(1).fill("Pleger weigerde hulp binnen het huisverbod.")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Casus DBT-").filter(has_text="is opgeslagen").wait_for()
    elapsed = time.perf_counter() - began
    (ARTIFACTS / "register-timing.txt").write_text(
        f"record a casus with two knelpunten and an agreement in the browser (login included): {elapsed:.1f} s\n")
    print(f"\nrecording a casus in the browser took {elapsed:.1f} s")
    assert elapsed < 120

    reg = Register.open(url)
    (casus,) = reg.snapshot().casussen
    reg.close()
    assert casus.code is not None and casus.code.startswith("DBT-") and [k.elements for k in casus.knelpunten] == [
        (HANDOFF,), ("huisverbod-hulpverlening-vt",)]
    (agreement,) = casus.knelpunten[0].agreements
    assert agreement.what == AGREEMENT and agreement.by_organisation == "jeugd-en-wijkteams"
    assert agreement.by_role == "teamleider" and agreement.deadline is not None
    assert agreement.deadline.isoformat() == "2027-01-31"


def test_the_chairman_sees_it_on_the_follow_up_board(ui_page, register_app):
    base, _ = register_app
    page = ui_page.page
    login(page, base, "Opvolging", "voorzitter1")
    page.get_by_text("Lopende afspraken").wait_for()
    page.wait_for_timeout(1500)
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for()
    assert AGREEMENT[:30] in page.locator('[data-testid="stDataFrame"]').first.inner_text() or \
        page.get_by_text(AGREEMENT[:30]).count() >= 1
    ui_page.screenshot("register-opvolging-voorzitter")


def test_a_lezer_sees_only_aggregates(ui_page, register_app):
    base, _ = register_app
    page = ui_page.page
    login(page, base, "Bevindingen", "lezer1")
    page.get_by_role("heading", name="Per categorie").wait_for()
    page.wait_for_timeout(1500)
    body = page.locator("section.main, [data-testid='stMain']").first.inner_text()
    assert "<5" in body or "&lt;5" in body  # one casus: suppressed
    assert "DBT-" not in body and DESCRIPTION not in body
    for title in ("Casus vastleggen", "Opvolging"):
        open_page(page, base, title)
        page.get_by_text("Deze pagina is voor de rol lid").wait_for()
    ui_page.screenshot("register-lezer-refused")


def test_why_on_the_handoff_shows_the_new_evidence(register_app, monkeypatch):
    _, url = register_app
    monkeypatch.setenv("KETENKAART_DATABASE_URL", url)
    result = CliRunner().invoke(cli, ["why", HANDOFF, "--json"])
    assert result.exit_code == 0, result.output
    register = [e for e in json.loads(result.output)["evidence"] if e["kind"] == "register"]
    assert len(register) == 1 and register[0]["confirms"] is True
    assert register[0]["categories"] == ["terugkoppeling"]
    assert "In <5 besproken casussen stokte deze overdracht" in register[0]["note_nl"]
    assert AGREEMENT in register[0]["note_nl"]
    text = CliRunner().invoke(cli, ["why", HANDOFF]).output
    assert "Doorbraakteam: besproken casussen" in text


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)], ids=["1280x800", "1920x1080"])
def test_screenshots_of_every_register_page(chromium, register_app, size):
    base, _ = register_app
    context = chromium.new_context(viewport={"width": size[0], "height": size[1]}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(30_000)
    open_page(page, base, "Bevindingen")
    page.get_by_label("Gebruikersnaam", exact=True).wait_for()
    page.screenshot(path=str(ARTIFACTS / f"register-login-{size[0]}.png"))
    page.get_by_label("Gebruikersnaam", exact=True).fill("voorzitter1")
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORDS["voorzitter1"])
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_text("Ingelogd als voorzitter1").wait_for()
    for title, path in (("Bevindingen", "doorbraakteam"), ("Casus vastleggen", "doorbraakteam-casus"),
                        ("Opvolging", "doorbraakteam-opvolging"), ("Systeemknelpunten", "doorbraakteam-systeem"),
                        ("Rapportage", "doorbraakteam-rapport"), ("Beheer", "doorbraakteam-beheer")):
        open_page(page, base, title)
        page.get_by_role("heading", name=f"Doorbraakteam: {title.lower()}").wait_for()
        page.wait_for_timeout(1500)  # let data grids paint
        assert page.locator('[data-testid="stException"]').count() == 0, path
        page.screenshot(path=str(ARTIFACTS / f"register-{path}-{size[0]}.png"))
    context.close()
    assert Path(ARTIFACTS / f"register-doorbraakteam-{size[0]}.png").stat().st_size > 10_000
