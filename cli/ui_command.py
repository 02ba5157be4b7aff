"""``ketenkaart ui``: start the chain map (Streamlit) from wherever the package is installed.

The app's defaults (headless, address 127.0.0.1, no usage statistics, light
theme) are in ``ui/.streamlit/config.toml``, which Streamlit reads beside the
app's entry script, so they hold for an installed wheel as for a checkout.
Streamlit's own environment variables (``STREAMLIT_SERVER_PORT``, ...) and
``--section.option value`` arguments still override them, except usage
statistics, which stay off.

With the default address Streamlit makes no outbound connection at start. On a
wildcard address (0.0.0.0, ::) its welcome message would look up this
machine's external IP address on the internet, so that message is replaced by
one printed here.

>>> streamlit_args("app.py", port=None, address=None, extra=(), env={})
['run', 'app.py', '--browser.gatherUsageStats', 'false']
>>> streamlit_args("app.py", port=8600, address="0.0.0.0", extra=("--theme.base", "dark"), env={})
['run', 'app.py', '--browser.gatherUsageStats', 'false', '--server.port', '8600', '--server.address', '0.0.0.0',
 '--logger.hideWelcomeMessage', 'true', '--theme.base', 'dark']
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from importlib.resources import files
from pathlib import Path

import click

from cli.common import data_option
from cli.main import cli

__all__ = ["ui", "streamlit_args"]

DEFAULT_ADDRESS = "127.0.0.1"  # as in ui/.streamlit/config.toml
DEFAULT_PORT = 8501  # Streamlit's
WILDCARD_ADDRESSES = {"0.0.0.0", "::", ""}  # recognised here, never bound here


def streamlit_args(app: str, port: int | None, address: str | None, extra: Sequence[str],
                   env: Mapping[str, str]) -> list[str]:
    """The ``streamlit`` command line that runs ``app`` with this command's options.

    >>> streamlit_args("app.py", None, None, ["--browser.gatherUsageStats=true"], {})
    Traceback (most recent call last):
    ...
    click.exceptions.UsageError: usage statistics stay off: drop --browser.gatherUsageStats=true
    """
    for option in extra:
        if option.startswith("--browser.gatherUsageStats"):
            raise click.UsageError(f"usage statistics stay off: drop {option}")
    args = ["run", app, "--browser.gatherUsageStats", "false"]
    if port is not None:
        args += ["--server.port", str(port)]
    if address is not None:
        args += ["--server.address", address]
    if _effective_address(address, env) in WILDCARD_ADDRESSES and "STREAMLIT_LOGGER_HIDE_WELCOME_MESSAGE" not in env:
        args += ["--logger.hideWelcomeMessage", "true"]
    return args + list(extra)


def _effective_address(address: str | None, env: Mapping[str, str]) -> str:
    return address if address is not None else env.get("STREAMLIT_SERVER_ADDRESS", DEFAULT_ADDRESS)


@cli.command(context_settings={"ignore_unknown_options": True})
@click.option("--port", type=click.IntRange(1, 65535), default=None,
              help=f"Port to listen on (default: $STREAMLIT_SERVER_PORT, else {DEFAULT_PORT}).")
@click.option("--address", default=None,
              help=f"Address to listen on (default: $STREAMLIT_SERVER_ADDRESS, else {DEFAULT_ADDRESS}: "
                   "only this computer); 0.0.0.0 shares the map on the network.")
@data_option
@click.argument("streamlit_options", nargs=-1, type=click.UNPROCESSED)
def ui(port: int | None, address: str | None, data_path: Path | None, streamlit_options: tuple[str, ...]) -> None:
    """Start the chain map in this terminal (headless; stop it with Ctrl+C).

    Further --section.option value pairs go to Streamlit unchanged.

    \b
    Example:
        ketenkaart ui                      # http://127.0.0.1:8501
        ketenkaart ui --port 8600 --data keten.xlsx
    """
    if data_path is not None:
        os.environ["KETENKAART_DATA"] = str(data_path.resolve())
    app = str(files("ui").joinpath("streamlit_app.py"))
    args = streamlit_args(app, port, address, streamlit_options, os.environ)
    if "--logger.hideWelcomeMessage" in args:
        shown_port = port or os.environ.get("STREAMLIT_SERVER_PORT", DEFAULT_PORT)
        click.echo(f"ketenkaart: the map listens on every network interface, port {shown_port}.")

    from streamlit.web import cli as streamlit_cli

    streamlit_cli.main(args=args, prog_name="streamlit")
