"""The Neo4j test server (tests/neo4j_server.py) is a real Neo4j 5.26 and behaves like one."""

from __future__ import annotations

import datetime
import ipaddress
import socket
from pathlib import Path
from urllib.parse import urlsplit

import neo4j
import pytest
from neo4j.exceptions import AuthError, ConstraintError
from neo4j.time import Date, Duration

from tests.neo4j_server import DATABASE, Neo4jServer, read_classpath, reset_database

INJECTION = (
    'it\'s "quoted" {braces} `backticks` // comment }) DETACH DELETE n //'
    " \\backslash\\ $param ; MATCH (m) DELETE m; \n newline \u00e9\u00e8 \U0001f600"
)


def test_server_identifies_itself_as_neo4j_5_26(
    neo4j_server: Neo4jServer, neo4j_driver: neo4j.Driver
) -> None:
    info = neo4j_driver.get_server_info()
    assert info.agent == f"Neo4j/{neo4j_server.version}"
    assert neo4j_server.version.startswith("5.26.")
    assert info.protocol_version >= (5, 0)
    records = neo4j_driver.execute_query(
        "CALL dbms.components() YIELD name, versions, edition", database_=DATABASE
    ).records
    assert [(r["name"], r["versions"], r["edition"]) for r in records] == [
        ("Neo4j Kernel", [neo4j_server.version], "community")
    ]


def test_wrong_password_is_refused(neo4j_server: Neo4jServer) -> None:
    # Two failures at most: a third in a row would lock the user for 5 s
    # (dbms.security.auth_max_failed_attempts, auth_lock_time), as on any Neo4j server.
    for password in (neo4j_server.password + "x", "neo4j"):  # "neo4j" is the default password
        auth = (neo4j_server.user, password)
        with neo4j.GraphDatabase.driver(neo4j_server.uri, auth=auth) as d, pytest.raises(AuthError):
            d.verify_connectivity()
    auth = (neo4j_server.user, neo4j_server.password)
    with neo4j.GraphDatabase.driver(neo4j_server.uri, auth=auth) as driver:
        driver.verify_connectivity()  # and resets the failed-attempt count


def test_managed_write_round_trips_dates_durations_and_lists(neo4j_driver: neo4j.Driver) -> None:
    since = datetime.date(2024, 2, 29)
    term = Duration(months=1, days=2, hours=3)
    props = {
        "id": "p1",
        "since": since,
        "term": term,
        "labels": ["Veilig Thuis", "politie"],
        "weights": [1, 2, 3],
        "reviewed": [datetime.date(2024, 1, 1), datetime.date(2025, 1, 1)],
    }

    def write(tx: neo4j.ManagedTransaction) -> None:
        tx.run("CREATE (p:Partner) SET p = $props", props=props).consume()

    def read(tx: neo4j.ManagedTransaction) -> neo4j.Record:
        record = tx.run(
            "MATCH (p:Partner {id: 'p1'}) RETURN p, valueType(p.since) AS since_type,"
            " valueType(p.term) AS term_type, valueType(p.labels) AS labels_type"
        ).single(strict=True)
        return record

    with neo4j_driver.session(database=DATABASE) as session:
        session.execute_write(write)
    with neo4j_driver.session(database=DATABASE) as session:
        record = session.execute_read(read)

    node = record["p"]
    assert isinstance(node["since"], Date) and node["since"].to_native() == since
    assert isinstance(node["term"], Duration) and node["term"] == term
    assert node["labels"] == ["Veilig Thuis", "politie"]
    assert node["weights"] == [1, 2, 3]
    assert [d.to_native() for d in node["reviewed"]] == props["reviewed"]
    assert record["since_type"] == "DATE NOT NULL"
    assert record["term_type"] == "DURATION NOT NULL"
    assert record["labels_type"] == "LIST<STRING NOT NULL> NOT NULL"


def test_uniqueness_constraint_is_enforced(neo4j_driver: neo4j.Driver) -> None:
    neo4j_driver.execute_query(
        "CREATE CONSTRAINT partner_id FOR (p:Partner) REQUIRE p.id IS UNIQUE", database_=DATABASE
    )
    neo4j_driver.execute_query("CREATE (:Partner {id: 'p1'})", database_=DATABASE)

    def create_twice(tx: neo4j.ManagedTransaction) -> None:
        tx.run("CREATE (:Partner {id: 'p2'})").consume()
        tx.run("CREATE (:Partner {id: 'p1'})").consume()

    with neo4j_driver.session(database=DATABASE) as session, pytest.raises(ConstraintError):
        session.execute_write(create_twice)
    ids = neo4j_driver.execute_query(
        "MATCH (p:Partner) RETURN p.id AS id ORDER BY id", database_=DATABASE
    ).records
    assert [r["id"] for r in ids] == ["p1"]  # the failed transaction left nothing behind


def test_cypher_like_string_in_parameters_comes_back_literally(neo4j_driver: neo4j.Driver) -> None:
    neo4j_driver.execute_query(
        "CREATE (:Partner {id: $id, name: $name}), (:Partner {id: 'other'})",
        id=INJECTION,
        name=INJECTION,
        database_=DATABASE,
    )
    records = neo4j_driver.execute_query(
        "MATCH (p:Partner {id: $id}) RETURN p.name AS name", id=INJECTION, database_=DATABASE
    ).records
    assert [r["name"] for r in records] == [INJECTION]
    count = neo4j_driver.execute_query(
        "MATCH (p:Partner) RETURN count(p) AS n", database_=DATABASE
    ).records[0]["n"]
    assert count == 2


def test_reset_database_leaves_a_fresh_database(neo4j_driver: neo4j.Driver) -> None:
    fresh = _schema(neo4j_driver)
    for query in (
        "CREATE CONSTRAINT FOR (p:Partner) REQUIRE p.id IS UNIQUE",
        "CREATE INDEX `odd ``name``` FOR (h:Handoff) ON (h.since)",
        "CREATE FULLTEXT INDEX names FOR (p:Partner) ON EACH [p.name]",
        "CREATE (:Partner {id: 'a'})-[:HANDS_OFF]->(:Partner {id: 'b'})",
    ):
        neo4j_driver.execute_query(query, database_=DATABASE)
    reset_database(neo4j_driver)
    count = neo4j_driver.execute_query(
        "MATCH (n) RETURN count(n) AS n", database_=DATABASE
    ).records[0]["n"]
    assert count == 0
    assert _schema(neo4j_driver) == fresh
    assert {row[1] for row in fresh} == {"LOOKUP"}


def test_server_listens_on_127_0_0_1_only(neo4j_server: Neo4jServer) -> None:
    url = urlsplit(neo4j_server.uri)
    assert url.hostname == "127.0.0.1" and url.port is not None
    listening = _listening_addresses(url.port)
    assert listening, f"nothing listens on port {url.port} according to /proc/net/tcp*"
    assert listening == {ipaddress.ip_address("127.0.0.1")}
    # Another loopback address reaches the same host but not a socket bound to 127.0.0.1.
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.2", url.port), timeout=5).close()


def test_missing_build_fails_with_instructions(tmp_path: Path) -> None:
    with pytest.raises(pytest.fail.Exception, match=r"run `tools/build-neo4j-launcher\.sh`"):
        read_classpath(tmp_path / "classpath.txt")
    (tmp_path / "classpath.txt").write_text(str(tmp_path / "gone.jar"), encoding="utf-8")
    with pytest.raises(pytest.fail.Exception, match=r"1 missing entries"):
        read_classpath(tmp_path / "classpath.txt")


def _schema(driver: neo4j.Driver) -> set[tuple[str, str]]:
    """(name, type) of every index and constraint."""
    found: set[tuple[str, str]] = set()
    for query in ("SHOW INDEXES YIELD name, type", "SHOW CONSTRAINTS YIELD name, type"):
        records = driver.execute_query(query, database_=DATABASE).records
        found |= {(str(r["name"]), str(r["type"])) for r in records}
    return found


def _listening_addresses(port: int) -> set[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """Local addresses of the TCP sockets listening on ``port`` (IPv4-mapped IPv6 as IPv4)."""
    found: set[ipaddress.IPv4Address | ipaddress.IPv6Address] = set()
    for table in (Path("/proc/net/tcp"), Path("/proc/net/tcp6")):
        for line in table.read_text(encoding="ascii").splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address_hex, port_hex = local.split(":")
            if state != "0A" or int(port_hex, 16) != port:  # 0A: LISTEN
                continue
            raw = bytes.fromhex(address_hex)
            # the kernel prints each 32-bit word in host (little-endian) order
            packed = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
            address = ipaddress.ip_address(packed)
            if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
                address = address.ipv4_mapped
            found.add(address)
    return found
