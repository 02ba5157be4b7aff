"""``ketenkaart neo4j push|status``: write the chain to the shared Neo4j store, or say what it holds.

The password comes from ``NEO4J_PASSWORD`` or, when that is unset, from a
prompt; never from a command-line flag (the process list would show it).
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from cli.common import data_option, handle_errors, settings
from cli.main import cli
from graph.settings import Settings
from loaders.load import load_model
from loaders.neo4j import DEFAULT_BATCH_SIZE, Neo4jStore

__all__ = ["neo4j", "push", "status"]


F = TypeVar("F", bound=Callable[..., Any])


def _connection_options(func: F) -> F:
    """``--uri``, ``--user``, ``--database``: override the environment's connection (never the password)."""
    for option in reversed([
        click.option("--uri", default=None, help="Bolt URI (overrides NEO4J_URI)."),
        click.option("--user", default=None, help="User (overrides NEO4J_USER)."),
        click.option("--database", default=None, help="Database (overrides NEO4J_DATABASE)."),
    ]):
        func = option(func)
    return func


def _config(uri: str | None, user: str | None, database: str | None) -> Settings:
    """The settings with the flags applied; asks for the password when NEO4J_PASSWORD is unset."""
    overrides: dict[str, Any] = {"neo4j_uri": uri, "neo4j_user": user, "neo4j_database": database}
    config = dataclasses.replace(settings(), **{k: v for k, v in overrides.items() if v is not None})
    if config.neo4j_uri and not config.neo4j_password:
        password = click.prompt(f"Neo4j password for {config.neo4j_user}", hide_input=True, err=True)
        config = dataclasses.replace(config, neo4j_password=password)
    return config


@cli.group()
def neo4j() -> None:
    """The shared Neo4j store (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE)."""


@neo4j.command()
@data_option
@_connection_options
@click.option("--by", "pushed_by", default=None, help="Name recorded as who pushed (default: your OS user).")
@click.option("--batch-size", type=click.IntRange(1), default=DEFAULT_BATCH_SIZE, show_default=True,
              help="Rows per UNWIND statement.")
@handle_errors
def push(data_path: Path | None, uri: str | None, user: str | None, database: str | None,
         pushed_by: str | None, batch_size: int) -> None:
    """Make the store hold the chain: batched, all-or-nothing; a second push changes nothing.

    \b
    Example:
        NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=... ketenkaart neo4j push
        ketenkaart neo4j push --data keten.xlsx --uri bolt://graph.example:7687 --by "Team Haaglanden"
    """
    config = _config(uri, user, database)
    model = load_model(data_path or config.data_dir)
    with Neo4jStore.from_settings(config) as store, click.progressbar(length=1, label="push", file=sys.stderr) as bar:

        def progress(done: int, total: int) -> None:
            bar.length = max(total, 1)
            bar.update(done - bar.pos)

        result = store.push(model, batch_size=batch_size, progress=progress, pushed_by=pushed_by)
    click.echo(f"pushed {model.region} to {config.neo4j_uri} in {result.seconds:.2f} s")
    for line in result.lines():
        click.echo(line)


@neo4j.command()
@_connection_options
@handle_errors
def status(uri: str | None, user: str | None, database: str | None) -> None:
    """Which chain the store holds: region, data version, when and by whom it was pushed.

    \b
    Example:
        NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=... ketenkaart neo4j status
    """
    config = _config(uri, user, database)
    with Neo4jStore.from_settings(config) as store:
        stamp = store.read_stamp()
    if stamp is None:
        raise click.ClickException(f"{config.neo4j_uri} holds no chain yet: run `ketenkaart neo4j push`")
    click.echo(f"{stamp.region} ({stamp.title}) at {config.neo4j_uri}")
    click.echo(f"version {stamp.serial} ({stamp.version}): {stamp.nodes} nodes, {stamp.relationships} relationships")
    click.echo(f"pushed {stamp.pushed_at.isoformat(timespec='seconds')} by {stamp.pushed_by}")
