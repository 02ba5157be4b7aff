"""With NEO4J_URI set the UI reads the chain from the shared store (the session's real
Neo4j), checks the store's stamp on every run and reloads only after a push."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.examples import toy_chain
from loaders.neo4j import Neo4jStore
from ui import state

ROUTER = Path(__file__).resolve().parent.parent / "ui" / "streamlit_app.py"


@pytest.fixture
def read_counter(monkeypatch):
    """How often the UI reads the whole chain (the stamp check is not counted)."""
    state._shared_chain.clear()
    calls = []
    original = Neo4jStore.read_chain

    def counting(self):
        calls.append(1)
        return original(self)

    monkeypatch.setattr(Neo4jStore, "read_chain", counting)
    return calls


def _footer(at: AppTest) -> str:
    """The data line under every page (title, counts, version, store and stamp), unescaped."""
    return html.unescape("\n".join(h.proto.body for h in at.get("html")))


def test_ui_runs_on_the_store_and_reloads_after_a_push(neo4j_env, neo4j_store, read_counter):
    model = toy_chain()
    neo4j_store.push(model, pushed_by="Team Toy")
    at = AppTest.from_file(str(ROUTER), default_timeout=60).run()
    assert not at.exception
    footer = _footer(at)
    assert "Bron van de graaf: Neo4j" in footer
    assert "5 organisaties · 6 overdrachten" in footer
    assert re.search(r"Kaart bijgewerkt op [^·]+ door Team Toy", footer)
    assert not at.toast
    at.switch_page("app_pages/knelpunten.py").run()
    assert not at.exception
    # the ranking of the chain read from the store: one row per element, the wait at the Raad first
    assert any("Van de 11 overdrachten en organisaties" in m.value for m in at.markdown)
    assert next(iter(at.dataframe[0].value["Element"])) == "Hulp niet geaccepteerd"
    assert len(read_counter) == 1  # the second run only checked the stamp

    # a colleague pushes a smaller chain: the next run shows it, and says so once
    smaller = dataclasses.replace(model, handoffs=model.handoffs[:5])
    neo4j_store.push(smaller, pushed_by="Collega")
    at.run()
    assert not at.exception
    assert "5 organisaties · 5 overdrachten" in _footer(at)
    assert len(at.toast) == 1
    assert at.toast[0].value.startswith("Kaart bijgewerkt op ") and at.toast[0].value.endswith(" door Collega")
    assert at.toast[0].value in _footer(at)
    at.run()
    assert not at.toast
    assert len(read_counter) == 2


def test_ui_says_to_push_when_the_store_is_empty(neo4j_env, neo4j_store):
    at = AppTest.from_file(str(ROUTER), default_timeout=60).run()
    assert at.error and "neo4j push" in at.code[0].value


def test_released_store_is_closed(neo4j_env, neo4j_store):
    settings_args = (neo4j_env.uri, neo4j_env.user, None)
    store = state._store(*settings_args)
    assert store.read_stamp() is None
    state._store.clear()  # what Streamlit does on expiry or eviction: on_release closes the driver
    with pytest.raises(Exception, match=r"(?i)closed"), store.driver.session() as session:
        session.run("RETURN 1").consume()


def test_moments_in_dutch_and_english():
    summer = dt.datetime(2026, 7, 1, 22, 30, tzinfo=dt.UTC)
    assert state.format_moment(summer) == "2 juli 2026 om 00:30"
    assert state.format_moment(summer, "en") == "2 July 2026 at 00:30"
