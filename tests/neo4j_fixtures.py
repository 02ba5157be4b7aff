"""Pytest plugin: the chain store on the session's real Neo4j (``tests/neo4j_server.py``).

Fixtures
--------
neo4j_store
    function: a :class:`loaders.neo4j.Neo4jStore` on a database emptied of
    ketenkaart's nodes (its constraints are kept: creating them anew for every
    test would only cost time).
neo4j_env
    function: ``NEO4J_URI``, ``NEO4J_USER`` and ``NEO4J_PASSWORD`` set to the
    session's server, for CLI and UI tests.
"""

from __future__ import annotations

from collections.abc import Iterator

import neo4j
import pytest

from loaders.neo4j import Neo4jStore
from tests.neo4j_server import Neo4jServer


@pytest.fixture(scope="session")
def neo4j_session_driver(neo4j_server: Neo4jServer) -> Iterator[neo4j.Driver]:
    """One driver for the whole session (closed at its end)."""
    driver = neo4j.GraphDatabase.driver(neo4j_server.uri, auth=(neo4j_server.user, neo4j_server.password))
    try:
        yield driver
    finally:
        driver.close()


@pytest.fixture
def neo4j_store(neo4j_session_driver: neo4j.Driver) -> Neo4jStore:
    """A store on the session's Neo4j without any ketenkaart node."""
    store = Neo4jStore(neo4j_session_driver)
    store.clear()
    return store


@pytest.fixture
def neo4j_env(neo4j_server: Neo4jServer, neo4j_store: Neo4jStore, monkeypatch: pytest.MonkeyPatch) -> Neo4jServer:
    """The connection settings of the session's server in the environment (store emptied first)."""
    monkeypatch.setenv("NEO4J_URI", neo4j_server.uri)
    monkeypatch.setenv("NEO4J_USER", neo4j_server.user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_server.password)
    monkeypatch.delenv("NEO4J_DATABASE", raising=False)
    return neo4j_server
