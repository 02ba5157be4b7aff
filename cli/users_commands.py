"""``ketenkaart users``: accounts of the Doorbraakteam register (lezer, lid, voorzitter).

These are administration commands for whoever runs the register's database
(like ``createuser`` for a database server): they act as ``beheer:<os user>``
and are recorded in the audit trail. Passwords come from a hidden prompt or
from ``KETENKAART_NEW_PASSWORD``, never from a command-line flag.
"""

from __future__ import annotations

import os

import click

from cli.common import handle_errors, settings
from cli.main import cli
from loaders.register import accounts as acc
from loaders.register.connect import open_register
from loaders.register.demo import admin
from loaders.register.vocab import Role

__all__ = ["users"]

PASSWORD_ENV = "KETENKAART_NEW_PASSWORD"


def _new_password() -> str:
    from_env = os.environ.get(PASSWORD_ENV)
    if from_env:
        return from_env
    return click.prompt("Wachtwoord / password", hide_input=True, confirmation_prompt=True)


@cli.group()
def users() -> None:
    """Accounts of the Doorbraakteam register.

    \b
    Example:
        ketenkaart users add voorzitter --role voorzitter
        KETENKAART_NEW_PASSWORD=… ketenkaart users add lid2 --role lid
        ketenkaart users add burgemeester --role voorzitter --oidc-email b.voorbeeld@denhaag.nl --no-password
        ketenkaart users list
    """


@users.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--oidc-email", default=None, help="Log in through the municipality's OpenID Connect provider with this address.")
@click.option("--no-password", is_flag=True, help="Only OIDC login (needs --oidc-email).")
@handle_errors
def add(username: str, role: str, oidc_email: str | None, no_password: bool) -> None:
    """Add an account (the password is asked for, or read from KETENKAART_NEW_PASSWORD)."""
    if no_password and not oidc_email:
        raise click.UsageError("--no-password needs --oidc-email")
    password = None if no_password else _new_password()
    register = open_register(settings())
    created = acc.add_account(register, admin(), username, Role(role), password=password, oidc_email=oidc_email)
    click.echo(f"account {created.username} ({created.role.value}) added")


@users.command("list")
@handle_errors
def list_(**_: object) -> None:
    """Every account: name, role, how it logs in, active."""
    for a in open_register(settings()).accounts():
        how = ", ".join(filter(None, ["wachtwoord" if a.has_password else "", f"oidc {a.oidc_email}" if a.oidc_email else ""]))
        click.echo(f"{a.username:<20} {a.role.value:<11} {how:<40} {'actief' if a.active else 'uitgeschakeld'}")


@users.command("set-role")
@click.argument("username")
@click.argument("role", type=click.Choice([r.value for r in Role]))
@handle_errors
def set_role(username: str, role: str) -> None:
    """Give an account another role."""
    changed = acc.set_role(open_register(settings()), admin(), username, Role(role))
    click.echo(f"account {changed.username} is now {changed.role.value}")


@users.command("passwd")
@click.argument("username")
@handle_errors
def passwd(username: str) -> None:
    """Set a new password (ends the account's sessions)."""
    acc.set_password(open_register(settings()), admin(), username, _new_password())
    click.echo(f"password of {username} changed")


@users.command("disable")
@click.argument("username")
@handle_errors
def disable(username: str) -> None:
    """Disable an account (ends its sessions)."""
    acc.set_active(open_register(settings()), admin(), username, False)
    click.echo(f"account {username} disabled")


@users.command("enable")
@click.argument("username")
@handle_errors
def enable(username: str) -> None:
    """Enable a disabled account."""
    acc.set_active(open_register(settings()), admin(), username, True)
    click.echo(f"account {username} enabled")
