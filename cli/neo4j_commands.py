"""``ketenkaart neo4j push``: write the chain to the shared Neo4j server."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import click

from cli.common import data_option, handle_errors, settings
from cli.main import cli
from loaders.load import load_model
from loaders.neo4j import DEFAULT_BATCH_SIZE, Neo4jStore

__all__ = ["neo4j", "push"]


@cli.group()
def neo4j() -> None:
    """The shared Neo4j server (connection from NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE)."""


@neo4j.command()
@data_option
@click.option("--uri", default=None, help="Bolt URI (overrides NEO4J_URI).")
@click.option("--user", default=None, help="User (overrides NEO4J_USER).")
@click.option("--password", default=None, help="Password (overrides NEO4J_PASSWORD).")
@click.option("--database", default=None, help="Database (overrides NEO4J_DATABASE).")
@click.option("--batch-size", type=click.IntRange(1), default=DEFAULT_BATCH_SIZE, show_default=True,
              help="Rows per UNWIND statement.")
@handle_errors
def push(data_path: Path | None, uri, user, password, database, batch_size: int) -> None:
    """Write the chain to Neo4j: batched, in one transaction; a second push changes nothing.

    \b
    Example:
        NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=... ketenkaart neo4j push
        ketenkaart neo4j push --data keten.xlsx --uri bolt://graph.example:7687
    """
    overrides = {"neo4j_uri": uri, "neo4j_user": user, "neo4j_password": password, "neo4j_database": database}
    config = dataclasses.replace(settings(), **{k: v for k, v in overrides.items() if v is not None})
    model = load_model(data_path or config.data_dir)
    with Neo4jStore.from_settings(config) as store, click.progressbar(length=1, label="push", file=sys.stderr) as bar:

        def progress(done: int, total: int) -> None:
            bar.length = total
            bar.update(done - bar.pos)

        result = store.push(model, batch_size=batch_size, progress=progress)
    click.echo(f"pushed {model.region} to {config.neo4j_uri} in {result.seconds:.2f} s")
    for line in result.lines():
        click.echo(line)
