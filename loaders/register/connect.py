"""Open the register the settings point at: ``KETENKAART_DATABASE_URL``, the demo file, or the default file.

>>> from graph.settings import Settings
>>> describe_url("postgresql+psycopg://dbt:geheim@db.example:5432/register")
'postgresql+psycopg://dbt:***@db.example:5432/register'
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import make_url

from graph.settings import Settings, default_database_url
from loaders.register.repository import Register

__all__ = ["describe_url", "open_register", "register_configured"]


def open_register(settings: Settings, model=None) -> Register:
    """The register, created or upgraded to the current schema; the demo register is seeded on first use."""
    if settings.register_demo:
        from loaders.register.demo import open_demo

        if model is None:
            from loaders.load import load_chain

            model = load_chain("files", settings)
        return open_demo(settings.register_url, model)
    return Register.open(settings.register_url)


def register_configured(settings: Settings) -> bool:
    """Whether there is a register to read: a database URL, the demo, or an existing default file."""
    if settings.database_url or settings.register_demo:
        return True
    return Path(make_url(default_database_url()).database or "").exists()


def describe_url(url: str) -> str:
    """The URL with its password hidden (for messages)."""
    return make_url(url).render_as_string(hide_password=True)
