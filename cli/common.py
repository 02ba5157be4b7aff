"""Options and error handling shared by the command modules."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import click

from graph.errors import ChainError
from graph.settings import Settings

__all__ = ["data_option", "handle_errors", "settings"]


def settings() -> Settings:
    return Settings.from_env()


def data_option(func: Callable) -> Callable:
    """``--data PATH``: a data folder, workbook or Turtle file; defaults to the built-in Haaglanden data."""
    return click.option(
        "--data",
        "data_path",
        type=click.Path(exists=True, path_type=Path),
        default=None,
        help="Chain data: a folder of YAML files, an .xlsx workbook or a .ttl file (default: built-in Haaglanden).",
    )(func)


def handle_errors(func: Callable) -> Callable:
    """Turn the project's errors into a ClickException (message, exit code 1)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except ChainError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper
