"""Shared pytest set-up. Feature fixtures live in their own plugin modules,
listed here, so each feature's fixtures stay next to its tests."""

pytest_plugins: list[str] = ["tests.e2e.plugin", "tests.neo4j_server", "tests.neo4j_fixtures", "tests.postgres_server"]
