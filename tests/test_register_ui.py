"""Register pages headless (Streamlit AppTest): nothing without logging in, lezers see only suppressed
aggregates, members see casussen, the board and the report; Dutch first, English on the toggle."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from loaders.load import load_model
from loaders.register import accounts as acc
from loaders.register.demo import DEMO_ACCOUNTS, seed_demo
from loaders.register.repository import Register

PAGES = Path(__file__).resolve().parent.parent / "ui" / "app_pages"
MODEL = load_model()
PASSWORDS = {user: password for user, _, password in DEMO_ACCOUNTS}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    reg = Register.open(f"sqlite:///{tmp_path_factory.mktemp('ui') / 'register.sqlite'}")
    seed_demo(reg, MODEL)
    yield reg
    reg.close()


def page(reg: Register, name: str, user: str | None = None, *, english: bool = False) -> AppTest:
    """The page ``name`` opened through the app's router (as a person would), logged in as ``user``."""
    at = AppTest.from_file(str(PAGES.parent / "streamlit_app.py"), default_timeout=60)
    at.session_state["register"] = reg
    at.session_state["model"] = MODEL
    if english:
        at.query_params["taal"] = "en"
    if user:
        at.session_state["register_token"] = acc.login(reg, user, PASSWORDS[user], policy=acc.Policy()).token
    at.run()
    at.switch_page(f"app_pages/{name}")
    if english:
        at.query_params["taal"] = "en"
    return at.run()


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [t.value for t in at.title]
    parts += [s.value for s in at.subheader] + [i.value for i in at.info] + [w.value for w in at.warning]
    parts += [e.value for e in at.error] + [s.value for s in at.success]
    return "\n".join(str(p) for p in parts)


def frames(at: AppTest) -> str:
    return "\n".join(df.value.to_csv() for df in at.dataframe)


@pytest.mark.parametrize("name", ["register_overzicht.py", "register_casus.py", "register_opvolging.py",
                                  "register_systeem.py", "register_rapport.py", "register_beheer.py"])
def test_every_register_page_asks_for_a_login_first(demo, name):
    at = page(demo, name)
    assert not at.exception
    assert "alleen na inloggen" in texts(at)
    assert not at.dataframe and "DBT-" not in texts(at)
    # the app's search box on every page, then the login form and nothing else to type into
    assert [t.label for t in at.text_input] == ["Zoeken", "Gebruikersnaam", "Wachtwoord"]
    assert "lid / demo-lid-2026-dbt" in texts(at)  # the demo's accounts are public, and only there


def test_a_lezer_sees_suppressed_aggregates_and_no_casus_detail(demo):
    at = page(demo, "register_overzicht.py", "lezer")
    assert not at.exception
    body, table = texts(at), frames(at)
    assert "FICTIEF demoregister" in body and "Aantallen onder 5 staan als <5" in body
    assert "<5" in table and ",6," in table  # six casussen at the huisverbod hand-off: shown
    assert "DBT-" not in body + table
    systeem = page(demo, "register_systeem.py", "lezer")
    assert "SYS-2026-01" in texts(systeem) and "DBT-" not in texts(systeem)
    assert "Nieuw systeemknelpunt" not in texts(systeem)
    for name in ("register_casus.py", "register_opvolging.py", "register_beheer.py"):
        refused = page(demo, name, "lezer")
        assert "Deze pagina is voor de rol" in texts(refused) and not refused.dataframe


def test_members_see_true_counts_the_board_and_the_casus(demo):
    at = page(demo, "register_overzicht.py", "lid")
    assert ",4," in frames(at)  # vt-overdracht-lokaal-team: 4 casussen, not suppressed for members
    board = page(demo, "register_opvolging.py", "lid")
    assert not board.exception
    first = board.dataframe[0].value.iloc[0]
    assert first.iloc[1].startswith("⚠")  # overdue first
    casus = page(demo, "register_casus.py", "lid")
    casus.selectbox(key="reg_casus_pick").set_value("DBT-2026-003").run()
    assert not casus.exception
    assert (casus.text_area(key="reg_DBT-2026-003_kp0_description").value or "").startswith(
        "Verzoek tot onderzoek lag")


def test_the_voorzitter_approves_the_report(demo):
    at = page(demo, "register_rapport.py", "voorzitter")
    assert "Concept" in texts(at)
    at.button(key="reg_rep_approve").click().run()
    assert not at.exception
    assert "Vastgesteld door voorzitter" in texts(at)


def test_english(demo):
    at = page(demo, "register_overzicht.py", "lezer", english=True)
    assert at.title[0].value == "Doorbraakteam: findings"
    assert "FICTITIOUS demo register" in texts(at)
    assert "waiting time / capacity" in frames(at)


def test_the_why_page_shows_the_register_evidence_only_after_logging_in(demo):
    anonymous = page(demo, "waarom.py")
    anonymous.selectbox(key="why_pick").set_value("huisverbod-hulpverlening-vt").run()
    assert not anonymous.exception
    assert "Doorbraakteam: besproken casussen" not in texts(anonymous).replace("\\", "")
    member = page(demo, "waarom.py", "lid")
    member.selectbox(key="why_pick").set_value("huisverbod-hulpverlening-vt").run()
    assert not member.exception
    body = texts(member).replace("\\", "")  # the page escapes Markdown in data texts (ui.plain.md)
    assert "Doorbraakteam: besproken casussen" in body
    assert "In 6 besproken casussen stokte deze overdracht" in body


def test_a_member_moves_a_systeemknelpunt_to_the_national_level(demo):
    at = page(demo, "register_systeem.py", "lid")
    at.selectbox(key="reg_sys_upd_code").set_value("SYS-2026-03").run()
    at.selectbox(key="reg_sys_upd_level_SYS-2026-03").set_value("rijk")
    at.selectbox(key="reg_sys_upd_status_SYS-2026-03").set_value("opgepakt")
    at.form_submit_button[0].click().run()
    assert not at.exception
    issue = next(s for s in demo.snapshot().system_issues if s.code == "SYS-2026-03")
    assert (issue.level.value, issue.status.value) == ("rijk", "opgepakt")
    assert demo.audit_entries()[-1].entity == "system_issue" and demo.verify_audit().ok
