"""With NEO4J_URI set the UI reads the chain from the graph server (here the local Bolt test server)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.examples import toy_chain

pytestmark = pytest.mark.bolt

ROUTER = Path(__file__).resolve().parent.parent / "ui" / "streamlit_app.py"


def test_ui_runs_on_the_neo4j_store(neo4j_store, bolt_server, monkeypatch):
    neo4j_store.push(toy_chain())
    monkeypatch.setenv("NEO4J_URI", bolt_server.uri)
    monkeypatch.setenv("NEO4J_USER", bolt_server.auth[0])
    monkeypatch.setenv("NEO4J_PASSWORD", bolt_server.auth[1])
    at = AppTest.from_file(str(ROUTER), default_timeout=60).run()
    assert not at.exception
    footer = "\n".join(h.proto.body for h in at.get("html"))
    assert "Bron van de graaf: Neo4j" in footer
    assert "5 organisaties · 6 overdrachten" in footer
    at.switch_page("app_pages/knelpunten.py").run()
    assert not at.exception
    assert "geen grondslag" in set(at.dataframe[0].value["Regel"])
