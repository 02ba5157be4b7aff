"""Headless page tests: the whole app (router and pages) runs with Streamlit's AppTest on the toy
chain or the Haaglanden chain (injected through session state); links in the address open views,
widgets are set, and the expected content appears."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.examples import toy_chain
from graph.model import Passes

ROUTER = Path(__file__).resolve().parent.parent / "ui" / "streamlit_app.py"
TIMEOUT = 60


def app(page: str | None = None, model=None, **query) -> AppTest:
    """The app at ``page`` (``"kaart"``, ``"routes"``…) with the address holding ``query``."""
    at = AppTest.from_file(str(ROUTER), default_timeout=TIMEOUT)
    at.session_state["model"] = model or toy_chain()
    at.query_params.update(dict(query.items()))
    at.run()
    if page and page != "kaart":
        at.switch_page(f"app_pages/{page}.py")
        at.query_params.update(dict(query.items()))
        at.run()
    assert not at.exception, at.exception
    return at


def component(at: AppTest, index: int = 0) -> dict:
    """The data the page sent to a map or story component."""
    return json.loads(at.get("bidi_component")[index].proto.json)


def svg(at: AppTest, index: int = 0) -> str:
    return component(at, index)["svg"]


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [t.value for t in at.title]
    parts += [s.value for s in at.subheader] + [i.value for i in at.info] + [s.value for s in at.success]
    parts += [h.proto.body for h in at.get("html")]
    return "\n".join(str(p) for p in parts)


@pytest.fixture(scope="module")
def haaglanden():
    from loaders.load import load_model

    return load_model()


def test_map_opens_on_the_numbered_overview():
    at = app()
    assert at.title[0].value == "Ketenkaart"
    data = component(at)
    assert "<svg" in data["svg"] and 'class="kk-badge"' in data["svg"]
    assert data["present"] is False and data["min_px"] == 12
    assert "Hoofdroute in" in at.segmented_control(key="map_mode").proto.help


def test_all_hand_offs_with_filters_and_no_select_all_trap():
    at = app(weergave="alles")
    assert {m.label for m in at.multiselect} == {"Domein", "Fase", "Instrument", "Regio"}
    assert all(m.proto.select_all == 0 for m in at.multiselect)  # 0: never "Select all (matches)"
    assert 'data-id="ho-politie-vt"' in svg(at) and 'data-id="ho-vt-raad-oud"' not in svg(at)
    at.toggle(key="map_info").set_value(True).run()
    assert 'data-id="ho-vt-raad-oud"' in svg(at)  # information flows on request
    assert at.query_params.get("informatie") == "1"


def test_a_focus_link_opens_details_and_zooms():
    at = app(focus="ho-politie-vt")
    body = texts(at)
    assert "Van Politie naar Veilig Thuis" in body
    assert "binnen 5 werkdagen" in body
    assert "wetten.overheid.nl/jci1.3:c:BWBR0035362&amp;artikel=4.1.1" in body
    assert component(at)["focus"] is not None
    assert at.query_params.get("weergave") == "alles"


def test_handoff_without_norm_or_basis_says_so():
    at = app(focus="ho-vt-lokaal-team")
    body = texts(at)
    assert "Geen grondslag bekend." in body and "Geen norm (termijn) bekend" in body
    assert "Risico\\'s raken uit beeld" in body or "Risico's raken uit beeld" in body


def test_a_link_to_a_legal_basis_shows_it_without_focus():
    at = app(focus="bw1-255")
    assert "Burgerlijk Wetboek Boek 1 art. 255" in texts(at)
    assert component(at)["focus"] is None


def test_map_in_english_from_the_address():
    at = app(taal="en", focus="politie")
    assert at.title[0].value == "Chain map"
    assert "Outgoing hand-offs" in texts(at)
    assert at.query_params.get("taal") == "en"


def test_as_of_date_drops_expired_handoffs():
    at = app(weergave="alles", informatie="1")
    assert 'data-id="ho-vt-raad-oud"' in svg(at)
    at.selectbox(key="map_as_of").set_value(dt.date(2015, 1, 1)).run()
    assert not at.exception
    assert 'data-id="ho-vt-raad-oud"' not in svg(at)
    assert at.query_params.get("peildatum") == "2015-01-01"


def test_table_lists_the_handoffs_in_view_without_ids():
    at = app(weergave="alles", fase="hulpverlening")
    assert not at.dataframe  # drawn on request only
    at.toggle(key="map_table_on").set_value(True).run()
    table = at.dataframe[0].value
    assert sorted(table["Overdracht"]) == ["Hulp lukt niet", "Vrijwillige hulp mogelijk"]
    assert "id" not in table.columns
    assert "Geen grondslag bekend." in set(table["Grondslag gegevensuitwisseling"])


def test_routes_from_a_link():
    at = app("routes", van="signaal-incident", naar="kinderrechter", zoek="1")
    assert "1 route(s) gevonden." in texts(at)  # the case route; the old information route is not a case route
    table = at.dataframe[0].value
    assert list(table["In de praktijk"]) == ["–", "30 dagen (toy, 2023)", "–"]  # norm and practice side by side
    assert list(table["Van"]) == ["Politie", "Veilig Thuis", "Raad voor de Kinderbescherming"]
    marked = re.findall(r'class="kk-edge[^"]*kk-marked[^"]*" data-id="([^"]+)"', svg(at))
    assert sorted(marked) == sorted(["ho-politie-vt", "ho-vt-raad", "ho-raad-kinderrechter"])


def test_routes_take_information_flows_only_on_request():
    at = app("routes", van="signaal-incident", naar="kinderrechter", zoek="1", informatie="1")
    assert at.toggle(key="routes_info").value
    assert "2 route(s) gevonden." in texts(at)  # the case route and the old information route
    at.toggle(key="routes_info").set_value(False).run()
    assert "1 route(s) gevonden." in texts(at) and at.query_params.get("informatie") is None


def test_no_case_route_says_an_information_route_exists():
    model = toy_chain()
    only_information = dataclasses.replace(model, handoffs=tuple(
        dataclasses.replace(h, passes=(Passes.INFORMATION,)) if h.id == "ho-vt-raad" else h for h in model.handoffs))
    at = app("routes", model=only_information, van="veilig-thuis", naar="raad", zoek="1")
    assert "zet 'Ook informatiestromen' aan" in at.warning[0].value
    assert "zet 'Ook informatiestromen' aan" not in app("routes", van="raad", naar="politie", zoek="1").warning[0].value


def test_routes_reports_no_route():
    at = app("routes", van="raad", naar="politie", zoek="1")
    assert [w.value for w in at.warning] == [("Geen route van Raad voor de Kinderbescherming naar Politie in 6 "
                                             "overdrachten of minder.")]


def test_bottlenecks_rank_filter_and_link_on():
    at = app("knelpunten")
    assert "Van de 11 overdrachten en organisaties: **0 hoog** (0,0%), 5 aandacht, 3 laag" in texts(at)
    flagged = at.dataframe[0].value
    assert set(flagged["Ernst"]) == {"aandacht"}  # default: the flagged rows
    assert "id" not in flagged.columns
    assert next(iter(flagged["Element"])) == "Hulp niet geaccepteerd"  # the wait at the Raad, from practice
    assert "tegen een norm van 10 dagen" in next(iter(flagged["Reden"]))
    at.selectbox(key="bn_severity").set_value("laag").run()
    everything = at.dataframe[0].value
    assert len(everything) > len(flagged) and "laag" in set(everything["Ernst"])
    assert at.query_params.get("ernst") == "laag"
    at.multiselect(key="bn_categories").set_value(["wachttijd-capaciteit"]).run()
    assert list(at.dataframe[0].value["Element"]) == ["Hulp niet geaccepteerd"]
    at.selectbox(key="bn_severity").set_value("hoog").run()
    assert not at.dataframe and "Geen knelpunten" in texts(at)  # hoog needs evidence from practice
    at.multiselect(key="bn_categories").set_value([]).run()
    at.selectbox(key="bn_severity").set_value("aandacht").run()
    assert not at.exception
    assert [p.proto.page for p in at.get("page_link")]  # "show on map" and "why" are links


def test_bottlenecks_from_a_link():
    at = app("knelpunten", ernst="laag", categorie="wachttijd-capaciteit")
    assert at.selectbox(key="bn_severity").value == "laag"
    assert list(at.dataframe[0].value["Element"]) == ["Hulp niet geaccepteerd"]


def test_why_page_offers_the_worst_handoff_first():
    at = app("waarom")
    assert at.selectbox(key="why_pick").value == "ho-vt-raad"  # the one practice shows stalling


def test_why_page_from_a_link_practice_first():
    at = app("waarom", overdracht="ho-vt-lokaal-team")
    assert at.selectbox(key="why_pick").value == "ho-vt-lokaal-team"
    body = texts(at).replace("\\", "")  # the page escapes Markdown in data texts
    assert "Uit de praktijk" in body and "Ernst: **aandacht**" in body
    assert "Er is geen bewijs uit de praktijk dat het hier stokt" in body  # said plainly
    assert "Er is geen grondslag voor de gegevensuitwisseling bekend." in body
    assert body.index("Uit de praktijk") < body.index("Wet")
    with_practice = texts(app("waarom", overdracht="ho-vt-raad")).replace("\\", "")
    assert "gemiddelde wachttijd 30 dagen tegen een norm van 10 dagen" in with_practice


def test_what_if_from_a_link():
    at = app("wat_als", weg="veilig-thuis")
    assert any(s.value.startswith("Gebroken routes (") for s in at.subheader)
    assert "Politie" in set(at.dataframe[0].value["Begin"])
    assert 'kk-marked" data-id="ho-politie-vt"' in svg(at)


def test_sources_page_search_and_no_ids():
    at = app("bronnen")
    legal = at.dataframe[0].value
    row = legal[legal["Naam"] == "Burgerlijk Wetboek Boek 1 art. 255"].iloc[0]
    assert "Ondertoezichtstelling" in row["Rust op deze"]
    assert "id" not in legal.columns
    at.text_input(key="src_search").set_value("wmo").run()
    assert list(at.dataframe[0].value["Naam"]) == ["Wmo 2015 art. 4.1.1"]
    assert at.query_params.get("zoek") == "wmo"


@pytest.mark.parametrize("language, meaning", [("nl", "ondertoezichtstelling"), ("en", "supervision order")])
def test_glossary_lists_the_core_terms(language, meaning):
    at = app("woordenlijst", taal=language)
    body = texts(at)
    for term in ("OTS", "MUHP", "RiHG", "ZSM", "GI", "MDA++", "HOvJ", "VT", "RvdK", "ZVH"):
        assert f"**{term}** — " in body
    assert meaning in body


def test_language_stays_across_pages():
    at = app()
    at.segmented_control(key="taal").set_value("en").run()
    assert at.title[0].value == "Chain map"
    assert at.query_params.get("taal") == "en"
    at.switch_page("app_pages/knelpunten.py").run()
    assert not at.exception
    assert at.title[0].value == "Bottlenecks"


def test_presentation_mode_on_every_page():
    for page in ("kaart", "routes", "knelpunten", "verhalen", "bronnen"):
        at = app(page, presentatie="1")
        assert at.toggle(key="presentatie").value is True
        css = "\n".join(h.proto.body for h in at.get("html"))
        assert "stSidebar" in css and "1.45rem" in css, page
        assert not at.get("download_button"), page
    at = app(presentatie="1", weergave="alles")
    assert component(at)["present"] is True and component(at)["min_px"] == 18
    assert "Filters" not in [e.label for e in at.expander]


def test_search_jumps_to_a_clear_hit_and_lists_the_others(haaglanden):
    at = app(model=haaglanden)
    at.text_input(key="zoek").set_value("ZVH").run()  # Enter
    assert not at.exception
    assert at.query_params.get("focus") == "veiligheidshuis-haaglanden"
    assert "Veiligheidshuis Haaglanden" in texts(at)
    at.text_input(key="zoek").set_value("huisverbod").run()
    links = [p.proto for p in at.get("page_link")]
    assert len(links) >= 3 and any("Tijdelijk huisverbod" in link.label for link in links)


def test_stories_list_and_a_step_from_the_address(haaglanden):
    at = app("verhalen", model=haaglanden)
    assert at.title[0].value == "Casusverhalen"
    assert len(list(at.subheader)) >= 5
    at = app("verhalen", model=haaglanden, verhaal="school-naar-ots", stap="3")
    data = component(at)
    assert data["index"] == 2 and len(data["steps"]) == 8
    assert "professional-melding-vt" in data["steps"][2]["now"]
    assert at.query_params.get("stap") == "3"


def test_no_stories_for_another_chain():
    at = app("verhalen")
    assert "geen casusverhalen" in texts(at)


def test_router_loads_the_data_named_in_the_environment(tmp_path, monkeypatch):
    """KETENKAART_DATA may name a Turtle file; a missing path is said plainly (never a silent stand-in chain)."""
    from loaders.writers import export_text

    ttl = tmp_path / "toy.ttl"
    ttl.write_text(export_text(toy_chain(), "ttl"), encoding="utf-8")
    monkeypatch.setenv("KETENKAART_DATA", str(ttl))
    at = AppTest.from_file(str(ROUTER), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert "Voorbeeldketen · 5 organisaties · 6 overdrachten" in texts(at)

    monkeypatch.setenv("KETENKAART_DATA", str(tmp_path / "missing"))
    at = AppTest.from_file(str(ROUTER), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.error and "missing" in at.code[0].value


def test_ui_doctests_and_every_string_has_both_languages():
    import doctest

    import ui.components.legend
    import ui.i18n

    assert doctest.testmod(ui.i18n).failed == 0
    assert doctest.testmod(ui.components.legend).failed == 0
    for key, (nl, en) in ui.i18n.STRINGS.items():
        assert nl.strip() and en.strip(), key
