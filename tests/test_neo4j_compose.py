"""docker-compose.yml runs the Neo4j the tests run, requires a password, and its map
makes no outbound connection at start. (Docker itself is not needed: the file is read.)"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((REPO / "docker-compose.yml").read_text(encoding="utf-8"))
SERVICES = COMPOSE["services"]


def _launcher_version() -> str:
    pom = ET.parse(REPO / "tools" / "neo4j-launcher" / "pom.xml").getroot()
    version = pom.find("{http://maven.apache.org/POM/4.0.0}properties/{http://maven.apache.org/POM/4.0.0}neo4j.version")
    assert version is not None and version.text
    return version.text


def test_neo4j_image_is_the_tested_version():
    assert SERVICES["neo4j"]["image"] == f"neo4j:{_launcher_version()}-community"
    assert _launcher_version().startswith("5.26.")


def test_the_password_is_required_and_has_no_default():
    text = (REPO / "docker-compose.yml").read_text(encoding="utf-8")
    uses = re.findall(r"\$\{NEO4J_PASSWORD([^}]*)\}", text)
    assert uses and all(use.startswith(":?") for use in uses), uses
    assert SERVICES["neo4j"]["environment"]["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD:?")


def test_ports_are_published_on_loopback_only():
    for service in SERVICES.values():
        for port in service.get("ports", []):
            assert port.startswith("127.0.0.1:"), port


def test_the_app_starts_without_going_online():
    app = SERVICES["app"]
    command = app["command"]
    assert "--browser.gatherUsageStats=false" in command
    assert any(arg.startswith("--server.address=") for arg in command)  # no external-IP look-up
    assert not any("pip" in arg for arg in command)  # installed when the image is built
    assert "pip install" in app["build"]["dockerfile_inline"]
    assert "volumes" not in app
