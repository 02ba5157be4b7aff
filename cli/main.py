"""Entry point of the ``ketenkaart`` command.

Each command group lives in its own module and is registered below; commands
convert :class:`graph.errors.ChainError` into a clean message and a non-zero
exit, once, through :func:`cli.common.handle_errors`.
"""

from __future__ import annotations

import click

from cli.install_check import check_import_names

# Before any command module imports graph/loaders/queries/ui: stop with a clear
# message if another package provides one of those names (README, "Install elsewhere").
check_import_names()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ketenkaart")
def cli() -> None:
    """ketenkaart: the chain map of the Dutch huiselijk geweld en kindermishandeling keten.

    \b
    Example:
        ketenkaart validate
        ketenkaart export --format ttl --out haaglanden.ttl
    """


# Command modules register themselves on `cli` when imported (one line each).
from cli import (
    cases_commands,  # noqa: E402,F401  cases generate/check/stats
    model_commands,  # noqa: E402,F401  validate, export
    neo4j_commands,  # noqa: E402,F401  neo4j push
    query_commands,  # noqa: E402,F401  route, bottlenecks, why, what-if
    register_commands,  # noqa: E402,F401  register add/list/export/import/verify-audit/…
    users_commands,  # noqa: E402,F401  users add/list/…
    ui_command,  # noqa: E402,F401  ui
)
