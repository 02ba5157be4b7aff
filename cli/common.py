"""Options and error handling shared by the command modules."""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

import click

from graph.errors import ChainError
from graph.settings import Settings

__all__ = ["data_option", "handle_errors", "safe_output", "settings", "strip_controls"]

# What data must not send to a terminal: C0 controls but tab and newline (ESC starts escape sequences,
# BEL rings, CR overwrites a line), DEL, C1 controls (CSI) and the bidi overrides and isolates (an RLO
# shows text reversed), zero-width marks included.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str) -> str:
    r"""``text`` without the control characters a terminal acts on (tab and newline stay).

    >>> strip_controls("Politie\x1b[2J\x07 \u202eVT\u202c\tok\n")
    'Politie[2J VT\tok\n'
    """
    return _CONTROLS.sub("", text)


class _SafeText:
    """A text stream that writes through :func:`strip_controls`; everything else goes to the stream itself."""

    def __init__(self, stream: TextIO):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(strip_controls(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def safe_output() -> Iterator[None]:
    """While a command runs, what it prints (stdout and stderr, messages included) passes :func:`strip_controls`.

    Data reaches the terminal in many places (names in a route, a file path in an error); filtering
    the streams covers them all. Files written with ``--out`` are not filtered.
    """
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _SafeText(out), _SafeText(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


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


DEBUG_VARIABLE = "KETENKAART_DEBUG"


def handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the project's errors into a ClickException (message, exit code 1), printed without controls.

    Any other exception ends the same way but says only its type: its message and traceback may carry
    case data (a value a library quoted), so they are shown only when ``KETENKAART_DEBUG=1``.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with safe_output():
            try:
                return func(*args, **kwargs)
            except ChainError as exc:
                raise click.ClickException(strip_controls(str(exc))) from exc
            except (click.ClickException, click.exceptions.Exit, click.Abort):
                raise
            except Exception as exc:  # the last line of defence: no data in what is printed
                if os.environ.get(DEBUG_VARIABLE) == "1":
                    raise
                raise click.ClickException(
                    f"unexpected error ({type(exc).__name__}); its details are not shown because they may "
                    f"contain case data. Set {DEBUG_VARIABLE}=1 to see them.") from None

    return wrapper
