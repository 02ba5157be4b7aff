"""Headless page tests: each page runs with Streamlit's AppTest on the toy chain
(injected through session state), widgets are set, and the expected content appears."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.examples import toy_chain

PAGES = Path(__file__).resolve().parent.parent / "ui" / "app_pages"
TIMEOUT = 30


def page(name: str, *, english: bool = False, **state) -> AppTest:
    at = AppTest.from_file(str(PAGES / name), default_timeout=TIMEOUT)
    at.session_state["model"] = toy_chain()
    if english:
        at.session_state["lang_en"] = True
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


def map_data(at: AppTest, index: int = 0) -> dict:
    """The data the page sent to the map component (nodes, edges, lanes)."""
    return json.loads(at.get("bidi_component")[index].proto.json)["view"]


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [t.value for t in at.title]
    parts += [s.value for s in at.subheader] + [i.value for i in at.info] + [s.value for s in at.success]
    return "\n".join(str(p) for p in parts)


def test_map_page_renders_filters_and_click_hint():
    at = page("kaart.py")
    assert not at.exception
    assert at.title[0].value == "Ketenkaart"
    assert {m.label for m in at.multiselect} == {"Domein", "Fase", "Instrument", "Regio"}
    assert "Klik op de kaart" in texts(at)


def test_map_page_focus_shows_details_with_sources_and_norm():
    at = page("kaart.py")
    at.selectbox(key="map_focus").set_value("ho-politie-vt").run()
    assert not at.exception
    body = texts(at)
    assert "Van Politie naar Veilig Thuis" in body
    assert "binnen 5 werkdagen" in body
    assert "wetten.overheid.nl/jci1.3:c:BWBR0035362&artikel=4.1.1" in body


def test_map_page_handoff_without_norm_or_basis_says_so():
    at = page("kaart.py", goto_focus="ho-vt-lokaal-team")
    assert not at.exception
    body = texts(at)
    assert "Geen grondslag bekend." in body
    assert "Geen norm (termijn) bekend" in body
    assert "Risico's raken uit beeld" in body


def test_map_page_jump_to_a_legal_basis_shows_it_without_focus():
    at = page("kaart.py", goto_focus="bw1-255")
    assert not at.exception
    assert at.selectbox(key="map_focus").value is None
    assert "Burgerlijk Wetboek Boek 1 art. 255" in texts(at)


def test_map_page_in_english():
    at = page("kaart.py", english=True, goto_focus="politie")
    assert not at.exception
    assert at.title[0].value == "Chain map"
    assert "Outgoing hand-offs" in texts(at)


def test_map_page_sends_the_whole_chain_with_encoding():
    at = page("kaart.py")
    data = map_data(at)
    assert {n["id"] for n in data["nodes"]} >= {"politie", "veilig-thuis", "lokaal-team", "raad", "kinderrechter"}
    edges = {e["id"]: e for e in data["edges"]}
    assert edges["ho-vt-lokaal-team"]["dashed"] and edges["ho-vt-lokaal-team"]["label"].startswith("⚠")
    assert not edges["ho-politie-vt"]["dashed"]
    assert [lane["label"] for lane in data["lanes"]] == ["Veiligheid en straf", "Zorg", "Jeugdbescherming"]
    legend = at.get("html")[0].proto.body
    assert "dashed" in legend and "gestippeld" in legend and "⚠" in legend


def test_map_page_as_of_date_drops_expired_handoffs_without_moving_nodes():
    import datetime as dt

    at = page("kaart.py")
    before = {n["id"]: (n["x"], n["y"]) for n in map_data(at)["nodes"]}
    assert "ho-vt-raad-oud" in {e["id"] for e in map_data(at)["edges"]}
    at.date_input(key="map_as_of").set_value(dt.date(2020, 1, 1)).run()
    assert not at.exception
    data = map_data(at)
    assert "ho-vt-raad-oud" not in {e["id"] for e in data["edges"]}
    assert all(before[n["id"]] == (n["x"], n["y"]) for n in data["nodes"])


def test_map_page_table_lists_the_handoffs_in_view():
    at = page("kaart.py")
    at.multiselect(key="map_phases").set_value(["hulpverlening"]).run()
    table = at.dataframe[0].value
    assert sorted(table["id"]) == ["ho-lokaal-team-vt", "ho-vt-lokaal-team"]
    assert "Geen grondslag bekend." in set(table["Grondslag gegevensuitwisseling"])


def test_map_page_filters_keep_positions():
    at = page("kaart.py")
    before = {n["id"]: (n["x"], n["y"]) for n in map_data(at)["nodes"]}
    at.multiselect(key="map_instruments").set_value(["ots"]).run()
    assert not at.exception
    data = map_data(at)
    assert [e["id"] for e in data["edges"]] == ["ho-raad-kinderrechter"]
    assert all(before[n["id"]] == (n["x"], n["y"]) for n in data["nodes"])
    at.multiselect(key="map_instruments").set_value([])
    at.multiselect(key="map_domains").set_value(["zorg"]).run()
    assert not at.exception
    assert {n["id"] for n in map_data(at)["nodes"] if n["kind"] == "organisations"} >= {"veilig-thuis", "lokaal-team"}


def test_routes_page_finds_ranked_routes_with_steps():
    at = page("routes.py")
    at.selectbox(key="routes_start").set_value("signaal-incident")
    at.selectbox(key="routes_end").set_value("kinderrechter")
    at.button[0].click().run()
    assert not at.exception
    assert "1 route(s) gevonden." in texts(at)  # the case route; the old information route is not a case route
    table = at.dataframe[0].value
    assert list(table["In de praktijk"]) == ["–", "30 dagen (toy, 2023)", "–"]  # norm and practice side by side
    assert list(table["Van"]) == ["Politie", "Veilig Thuis", "Raad voor de Kinderbescherming"]
    assert list(table["Naar"])[-1] == "Kinderrechter"
    assert len(table) == 3
    highlighted = [e["id"] for e in map_data(at)["edges"] if e["highlighted"]]
    assert highlighted == ["ho-politie-vt", "ho-vt-raad", "ho-raad-kinderrechter"] or \
        sorted(highlighted) == sorted(["ho-politie-vt", "ho-vt-raad", "ho-raad-kinderrechter"])


def test_routes_page_reports_no_route():
    at = page("routes.py")
    at.selectbox(key="routes_start").set_value("raad")
    at.selectbox(key="routes_end").set_value("politie")
    at.button[0].click().run()
    assert not at.exception
    assert any("no route from 'raad' to 'politie'" in e.value for e in at.error)


def test_bottlenecks_page_ranks_and_filters():
    at = page("knelpunten.py")
    assert not at.exception
    assert "Van de 11 overdrachten en organisaties: **0 hoog** (0,0%), 5 aandacht, 3 laag" in texts(at)
    flagged = at.dataframe[0].value
    assert set(flagged["Ernst"]) == {"aandacht"}  # default: the flagged rows
    assert next(iter(flagged["Element"])) == "Hulp niet geaccepteerd"  # the wait at the Raad, from practice
    assert "tegen een norm van 10 dagen" in next(iter(flagged["Reden"]))
    at.selectbox(key="bn_severity").set_value("laag").run()
    assert not at.exception
    everything = at.dataframe[0].value
    assert len(everything) > len(flagged) and "laag" in set(everything["Ernst"])
    at.multiselect(key="bn_categories").set_value(["wachttijd-capaciteit"]).run()
    assert list(at.dataframe[0].value["Element"]) == ["Hulp niet geaccepteerd"]
    at.selectbox(key="bn_severity").set_value("hoog").run()
    assert not at.dataframe and "Geen knelpunten" in texts(at)  # hoog needs evidence from practice
    at.multiselect(key="bn_categories").set_value([]).run()
    at.selectbox(key="bn_severity").set_value("aandacht").run()
    at.selectbox(key="bn_pick").set_value(0).run()
    assert not at.exception
    assert "Regie tijdens het wachten" in texts(at) or "regie" in texts(at).lower()
    assert at.button(key="bn_map") and at.button(key="bn_why")


def test_why_page_offers_the_worst_handoff_first():
    at = page("waarom.py")
    assert not at.exception
    assert at.selectbox(key="why_pick").value == "ho-vt-raad"  # the one practice shows stalling


def test_why_page_explains_the_chosen_handoff_practice_first():
    at = page("waarom.py", why_handoff="ho-vt-lokaal-team")
    assert not at.exception
    assert at.selectbox(key="why_pick").value == "ho-vt-lokaal-team"
    body = texts(at)
    assert "Uit de praktijk" in body and "Ernst: **aandacht**" in body
    assert "Er is geen bewijs uit de praktijk dat het hier stokt" in body  # said plainly
    assert "Er is geen grondslag voor de gegevensuitwisseling bekend." in body
    assert body.index("Uit de praktijk") < body.index("Wet")
    with_practice = texts(page("waarom.py", why_handoff="ho-vt-raad"))
    assert "gemiddelde wachttijd 30 dagen tegen een norm van 10 dagen" in with_practice


def test_what_if_page_shows_broken_routes():
    at = page("wat_als.py")
    assert not at.exception
    assert "Kies minstens één element." in texts(at)
    at.multiselect(key="whatif_remove").set_value(["veilig-thuis"])
    at.button[0].click().run()
    assert not at.exception
    assert any(s.value.startswith("Gebroken routes (") for s in at.subheader)
    broken = at.dataframe[0].value
    assert "Politie" in set(broken["Begin"])
    highlighted = {e["id"] for e in map_data(at)["edges"] if e["highlighted"]}
    assert "ho-politie-vt" in highlighted


def test_sources_page_lists_what_rests_on_a_legal_basis():
    at = page("bronnen.py")
    assert not at.exception
    legal = at.dataframe[0].value
    row = legal[legal["id"] == "bw1-255"].iloc[0]
    assert "Ondertoezichtstelling" in row["Rust op deze"]
    at.text_input(key="src_search").set_value("wmo").run()
    assert list(at.dataframe[0].value["id"]) == ["wmo-4-1-1"]


@pytest.mark.parametrize("english, meaning", [(False, "ondertoezichtstelling"), (True, "supervision order")])
def test_glossary_page_lists_the_core_terms(english, meaning):
    at = page("woordenlijst.py", english=english)
    assert not at.exception
    body = texts(at)
    for term in ("OTS", "MUHP", "RiHG", "ZSM", "GI", "MDA++", "HOvJ", "VT", "RvdK", "ZVH"):
        assert f"**{term}** — " in body
    assert meaning in body
    at.text_input(key="gl_search").set_value("uithuis").run()
    found = [m.value for m in at.markdown if m.value.startswith("**")]
    assert len(found) == 1 and found[0].startswith("**MUHP**")


def test_router_navigates_and_toggles_english():
    at = AppTest.from_file(str(PAGES.parent / "streamlit_app.py"), default_timeout=TIMEOUT)
    at.session_state["model"] = toy_chain()
    at.run()
    assert not at.exception
    assert at.title[0].value == "Ketenkaart"
    at.toggle(key="lang_en").set_value(True).run()
    assert at.title[0].value == "Chain map"
    at.switch_page("app_pages/knelpunten.py").run()
    assert not at.exception
    assert at.title[0].value == "Bottlenecks"


def test_ui_doctests_and_every_string_has_both_languages():
    import doctest

    import ui.components.legend
    import ui.i18n

    assert doctest.testmod(ui.i18n).failed == 0
    assert doctest.testmod(ui.components.legend).failed == 0
    for key, (nl, en) in ui.i18n.STRINGS.items():
        assert nl.strip() and en.strip(), key


@pytest.fixture(scope="module")
def haaglanden():
    from loaders.load import load_model

    return load_model()


def test_map_on_haaglanden_with_synthetic_practice_figures(haaglanden):
    at = page("kaart.py")
    at.session_state["model"] = haaglanden
    at.session_state["practice_on"] = True
    at.run()
    assert not at.exception
    edges = {e["id"]: e for e in map_data(at)["edges"]}
    key_chain = ["politie-zorgmelding-vt", "vt-verzoek-onderzoek-rvdk", "rvdk-verzoek-ots-kinderrechter",
                 "kinderrechter-ots-gi"]
    assert set(key_chain) <= set(edges)
    assert all("(synth.)" in edges[h]["label"] for h in key_chain)
    assert "synthetisch" in texts(at)
    # Small cells never show a number under 5.
    import re

    for edge in edges.values():
        for n in re.findall(r"n=(\d+)", edge["label"]):
            assert int(n) >= 5


def test_routes_on_haaglanden_key_chain(haaglanden):
    at = page("routes.py")
    at.session_state["model"] = haaglanden
    at.run()
    at.selectbox(key="routes_start").set_value("politie")
    at.selectbox(key="routes_end").set_value("jeugdbescherming-west")
    at.button[0].click().run()
    assert not at.exception
    first = at.dataframe[0].value
    assert next(iter(first["Van"])).startswith("Politie")
    assert list(first["Naar"])[-1] == "Stichting Jeugdbescherming west Haaglanden"  # its legal name (issue 11)


def test_router_loads_the_data_named_in_the_environment(tmp_path, monkeypatch):
    """KETENKAART_DATA may name a Turtle file; a missing path is said plainly (never a silent stand-in chain)."""
    from loaders.writers import export_text

    ttl = tmp_path / "toy.ttl"
    ttl.write_text(export_text(toy_chain(), "ttl"), encoding="utf-8")
    monkeypatch.setenv("KETENKAART_DATA", str(ttl))
    at = AppTest.from_file(str(PAGES.parent / "streamlit_app.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert any("Voorbeeldketen · 5 organisaties · 6 overdrachten" in c.value for c in at.sidebar.caption)

    monkeypatch.setenv("KETENKAART_DATA", str(tmp_path / "missing"))
    at = AppTest.from_file(str(PAGES.parent / "streamlit_app.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.error and "missing" in at.code[0].value
