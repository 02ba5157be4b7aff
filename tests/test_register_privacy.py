"""The register's privacy gate: identifiers typed into free text are refused with a message that names the
field and never echoes the value; clean text passes. Checked at the gate, through the checker every way in
uses, in the casus form in the UI, and in an import file."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from loaders.load import load_model
from loaders.register import accounts as acc
from loaders.register.demo import admin
from loaders.register.errors import IdentifierRefused, InvalidInput
from loaders.register.privacy import find_identifiers, refuse_identifiers
from loaders.register.repository import Register
from loaders.register.validate import parse_casus
from loaders.register.vocab import Role

MODEL = load_model()
BSN = "111222333"  # passes the 11-proef; a test number, no one's

IDENTIFIERS = {
    "BSN": ["BSN 111222333 van moeder", "bsn: 1112.22.333", "nummer 111 222 333", "111-222-333 bekend bij VT",
            "11.12.22.333"],
    "e-mailadres": ["mail naar j.jansen@voorbeeld.nl", "moeder (moeder@gmail.com)", "contact: jan@müller.de",
                    "adres vader [at] example.org", "info@xn--mller-kva.de"],
    "telefoonnummer": ["bel 06-12345678", "tel. 070 123 4567", "+31 (0)6 1234 5678", "0031 70 123 45 67",
                       "06 12 34 56 78"],
    "postcode": ["woont in 2511 AB", "postcode 2514CD"],
    "adres": ["Laan van Meerdervoort 12", "woont op de Prinsegracht 10a"],
    "IBAN": ["rekening NL91 ABNA 0417 1643 00", "NL91ABNA0417164300"],
    "geboortedatum": ["geboren op 3 maart 1985", "geb. 12-03-2010", "dob 2012-05-01", "kind (14-07-1998)"],
}
# The spellings that got past the case-log guard in the probe of issue 12 (group 2): the register uses the
# same gate, so they are refused here too, and so are names (the register's own patterns never found them).
ONE_GATE = {
    "BSN": ["nummer 123.456.782", "nummer 123 45 67 82",
            "nummer \uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff12"],  # full-width digits
    "e-mailadres": ["contact jan@münchen.de"],
    "telefoonnummer": ["bel (070) 123 45 67", "bel 06.12.34.56.78", "bel 31612345678"],
    "postcode": ["woont in 2511 ab"],
    "naam": ["Gesprek met Jan de Vries", "mevr. Bakker belde terug"],
}
CLEAN = [
    "Veilig Thuis kreeg geen terugkoppeling van het lokaal team binnen 10 werkdagen.",
    "Besproken op 12-03-2026; afspraak maart 2026, in 2025 al 3 keer gemeld.",
    "Zaak lag 6 weken bij de Raad; 2.800 kinderen wachtten landelijk (2019).",
    "Politie onderzoekt ambtshalve en legt voor aan het OM, artikel 257a Sv.",
    "Casus DBT-2026-014 en SYS-2026-01 hangen samen.",
]


@pytest.mark.parametrize(("kind", "text"), [(k, v) for k, vs in IDENTIFIERS.items() for v in vs])
def test_identifiers_are_found(kind, text):
    assert kind in find_identifiers(text)


@pytest.mark.parametrize(("kind", "text"), [(k, v) for k, vs in ONE_GATE.items() for v in vs])
def test_the_register_refuses_what_the_case_log_gate_refuses(kind, text):
    from loaders.cases.guard import find_in_texts
    from loaders.register.privacy import DUTCH_KINDS

    assert kind in find_identifiers(text)
    assert find_identifiers(text) == tuple(DUTCH_KINDS[k] for k in find_in_texts([text])[0])  # one gate


@pytest.mark.parametrize("text", CLEAN)
def test_ordinary_text_passes(text):
    assert find_identifiers(text) == ()
    assert refuse_identifiers("description", text) == text


def test_a_bsn_failing_the_elfproef_is_not_a_bsn():
    assert "BSN" not in find_identifiers("zaaknummer 123456789")


@pytest.mark.parametrize("text", [f"Moeder heeft BSN {BSN}.", "Mail de moeder op m.de.vries@voorbeeld.nl."])
def test_refusal_names_the_field_and_never_echoes_the_value(text):
    with pytest.raises(IdentifierRefused) as caught:
        refuse_identifiers("knelpunten[0].description", text)
    message = str(caught.value) + caught.value.phrase.nl
    assert message.startswith("knelpunten[0].description: refused")
    assert BSN not in message and "voorbeeld.nl" not in message and "vries" not in message


def test_too_long_text_is_refused():
    with pytest.raises(InvalidInput, match="at most 1000"):
        refuse_identifiers("description", "x" * 1001)


def test_every_free_text_field_of_a_casus_passes_the_gate():
    raw = {"code": "DBT-2026-014", "review_date": "2026-03-02", "region": "den-haag", "violence": "partnergeweld",
           "knelpunten": [{"elements": "vt-overdracht-lokaal-team", "category": "terugkoppeling",
                           "description": f"BSN {BSN}", "evidence": "zie jan@voorbeeld.nl",
                           "agreements": [{"what": "bel 06-12345678", "by_organisation": "politie",
                                           "by_role": "wijkagent, j.jansen@politie.nl"}]}]}
    parsed, problems = parse_casus(raw, MODEL)
    assert parsed is None
    assert {p.field for p in problems} == {"knelpunten[0].description", "knelpunten[0].evidence",
                                          "knelpunten[0].agreements[0].what", "knelpunten[0].agreements[0].by_role"}
    text = " ".join(p.en + p.nl for p in problems)
    assert BSN not in text and "voorbeeld.nl" not in text and "12345678" not in text


@pytest.mark.parametrize("typed", [f"Moeder met BSN {BSN} meldde zich", "Vader mailde via p.de.boer@voorbeeld.nl"])
def test_the_casus_form_refuses_a_bsn_or_an_email_in_the_description(tmp_path, typed):
    reg = Register.open(f"sqlite:///{tmp_path / 'register.sqlite'}")
    acc.add_account(reg, admin(), "lid1", Role.LID, password="een lang wachtwoord")
    at = AppTest.from_file("../ui/app_pages/register_casus.py", default_timeout=60)
    at.session_state["register"] = reg
    at.session_state["model"] = MODEL
    at.session_state["register_token"] = acc.login(reg, "lid1", "een lang wachtwoord", policy=acc.Policy()).token
    at.run()
    prefix = "reg_new"
    at.multiselect(key=f"{prefix}_violence").set_value(["partnergeweld"])
    at.multiselect(key=f"{prefix}_kp0_elements").set_value(["vt-overdracht-lokaal-team"])
    at.selectbox(key=f"{prefix}_kp0_category").set_value("terugkoppeling")
    at.text_area(key=f"{prefix}_kp0_description").input(typed)
    at.form_submit_button[0].click()
    at.run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any(e.startswith("knelpunt 1 · beschrijving: geweigerd") for e in errors), errors
    shown = " ".join(errors)
    assert BSN not in shown and "voorbeeld.nl" not in shown and "boer" not in shown
    assert reg.counts()["casus"] == 0
