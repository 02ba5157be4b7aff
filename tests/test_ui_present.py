"""Presentation mode on the map page (AppTest, toy chain injected): the toggle
hides the filters and exports, keeps what was filtered, tells the map to draw
for a projector, and lives in the address so a reload keeps it."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from graph.examples import toy_chain
from ui.mapview import filter_options
from ui.present import KEY, PARAM, presentation_css

PAGE = Path(__file__).resolve().parent.parent / "ui" / "app_pages" / "kaart.py"
ROUTER = PAGE.parent.parent / "streamlit_app.py"


def map_page(**query) -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=30)
    at.session_state["model"] = toy_chain()
    at.query_params.update(query)
    return at.run()


def component(at: AppTest) -> dict:
    return json.loads(at.get("bidi_component")[0].proto.json)


def styles(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def test_off_by_default_with_filters_and_exports():
    at = map_page()
    assert not at.exception
    assert at.toggle(key=KEY).value is False
    assert [e.label for e in at.expander][:1] == ["Filters"]
    assert component(at)["present"] is False and component(at)["fill"] is True
    assert PARAM not in at.query_params
    assert "stSidebar" not in styles(at)


def test_toggle_on_hides_filters_and_exports_and_sets_the_address():
    at = map_page()
    at.toggle(key=KEY).set_value(True).run()
    assert not at.exception
    assert component(at)["present"] is True
    assert at.query_params.get(PARAM) == "1"
    assert "Filters" not in [e.label for e in at.expander]
    assert not at.get("download_button")  # no HTML, CSV or JSON exports on the projector
    assert not at.dataframe  # nor the hand-off table
    assert "stSidebar" in styles(at) and presentation_css().strip() in styles(at)
    assert "Legenda" in "\n".join(m.value for m in at.markdown)  # the legend stays, larger
    assert "1.3rem" in styles(at)

    at.toggle(key=KEY).set_value(False).run()
    assert not at.exception
    assert PARAM not in at.query_params
    assert component(at)["present"] is False
    assert "Filters" in [e.label for e in at.expander]


def test_the_address_switches_it_on_after_a_reload():
    at = map_page(**{PARAM: "1"})
    assert not at.exception
    assert at.toggle(key=KEY).value is True
    assert component(at)["present"] is True
    assert "Filters" not in [e.label for e in at.expander]


def test_filters_stay_applied_while_hidden_and_come_back():
    at = map_page()
    at.multiselect(key="map_instruments").set_value(["ots"]).run()
    only_ots = [e["id"] for e in component(at)["view"]["edges"]]
    assert only_ots == ["ho-raad-kinderrechter"]
    at.toggle(key=KEY).set_value(True).run()
    assert not at.exception
    assert [e["id"] for e in component(at)["view"]["edges"]] == only_ots
    ots_name = dict(filter_options(toy_chain()).instruments)["ots"]
    assert any("Filters blijven van kracht" in c.value and ots_name in c.value for c in at.caption)
    at.run()  # a second run without the widgets drawn still remembers the filter
    assert [e["id"] for e in component(at)["view"]["edges"]] == only_ots
    at.toggle(key=KEY).set_value(False).run()
    assert not at.exception
    assert at.multiselect(key="map_instruments").value == ["ots"]
    assert [e["id"] for e in component(at)["view"]["edges"]] == only_ots


def test_positions_do_not_change_with_the_mode():
    at = map_page()
    before = {n["id"]: (n["x"], n["y"]) for n in component(at)["view"]["nodes"]}
    at.toggle(key=KEY).set_value(True).run()
    assert {n["id"]: (n["x"], n["y"]) for n in component(at)["view"]["nodes"]} == before


def test_english_label_and_router():
    at = AppTest.from_file(str(ROUTER), default_timeout=30)
    at.session_state["model"] = toy_chain()
    at.session_state["lang_en"] = True
    at.query_params[PARAM] = "1"
    at.run()
    assert not at.exception
    assert at.toggle(key=KEY).label == "Presentation mode"
    assert at.toggle(key=KEY).value is True
