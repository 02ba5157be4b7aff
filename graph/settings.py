"""Settings, loaded once from the environment and passed explicitly.

>>> s = Settings.from_env({"KETENKAART_SUPPRESSION_THRESHOLD": "10"})
>>> s.suppression_threshold
10
>>> Settings.from_env({"KETENKAART_SUPPRESSION_THRESHOLD": "3"})
Traceback (most recent call last):
...
graph.errors.ChainError: KETENKAART_SUPPRESSION_THRESHOLD must be a whole number >= 5, got '3'
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Mapping

from graph.errors import ChainError

__all__ = ["MIN_SUPPRESSION_THRESHOLD", "Settings", "default_data_dir", "default_database_url", "user_data_dir"]

# Small-cell suppression: figures resting on fewer cases than this show as "<N".
# Configurable upwards only.
MIN_SUPPRESSION_THRESHOLD = 5

def default_data_dir() -> Path:
    """The built-in Haaglanden chain data."""
    from loaders.resources import HAAGLANDEN, builtin_path

    return builtin_path(HAAGLANDEN)


def user_data_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The per-user data folder (``$XDG_DATA_HOME/ketenkaart``, else ``~/.local/share/ketenkaart``),
    never inside the installed package.

    >>> user_data_dir({"XDG_DATA_HOME": "/srv/data"}).as_posix()
    '/srv/data/ketenkaart'
    """
    environ = os.environ if environ is None else environ
    base = environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "ketenkaart"


def default_database_url(environ: Mapping[str, str] | None = None, *, demo: bool = False) -> str:
    """The embedded register database: a SQLite file in :func:`user_data_dir`
    (``register.sqlite``; ``register-demo.sqlite`` for the fictitious demo register).

    >>> default_database_url({"XDG_DATA_HOME": "/srv/data"})
    'sqlite:////srv/data/ketenkaart/register.sqlite'
    """
    name = "register-demo.sqlite" if demo else "register.sqlite"
    return "sqlite:///" + (user_data_dir(environ) / name).as_posix()


# Register settings read as whole numbers: name -> smallest allowed value.
_WHOLE_NUMBERS = {"register_retention_months": 1, "register_session_minutes": 1, "register_max_failed_logins": 1,
                  "register_lockout_minutes": 1}


@dataclass(frozen=True)
class Settings:
    """Everything configurable, with the environment variable that sets it."""

    data_dir: Path = field(default_factory=default_data_dir, metadata={"env": "KETENKAART_DATA", "help": "chain data folder, workbook or Turtle file"})
    neo4j_uri: str | None = field(default=None, metadata={"env": "NEO4J_URI", "help": "Bolt URI of the shared server; unset = embedded graph"})
    neo4j_user: str = field(default="neo4j", metadata={"env": "NEO4J_USER", "help": "Neo4j user"})
    neo4j_password: str = field(default="", metadata={"env": "NEO4J_PASSWORD", "help": "Neo4j password"})
    neo4j_database: str | None = field(default=None, metadata={"env": "NEO4J_DATABASE", "help": "Neo4j database name"})
    suppression_threshold: int = field(default=MIN_SUPPRESSION_THRESHOLD, metadata={"env": "KETENKAART_SUPPRESSION_THRESHOLD", "help": "smallest case count shown; >= 5"})
    # --- the Doorbraakteam register (docs/register.md) ---
    database_url: str | None = field(default=None, metadata={"env": "KETENKAART_DATABASE_URL", "help": "register database (sqlite:///… or postgresql+psycopg://…); unset = a SQLite file in the per-user data folder"})
    register_demo: bool = field(default=False, metadata={"env": "KETENKAART_REGISTER_DEMO", "help": "1 = open the shipped FICTITIOUS demo register (its own SQLite file, demo accounts); ignored when KETENKAART_DATABASE_URL is set"})
    register_retention_months: int = field(default=24, metadata={"env": "KETENKAART_REGISTER_RETENTION_MONTHS", "help": "months after closing before a casus is reduced to its anonymous knelpunten"})
    register_session_minutes: int = field(default=480, metadata={"env": "KETENKAART_REGISTER_SESSION_MINUTES", "help": "a register login expires after this many minutes (and after a quarter of it idle)"})
    register_max_failed_logins: int = field(default=5, metadata={"env": "KETENKAART_REGISTER_MAX_FAILED_LOGINS", "help": "failed logins in a row before an account is locked for a while"})
    register_lockout_minutes: int = field(default=15, metadata={"env": "KETENKAART_REGISTER_LOCKOUT_MINUTES", "help": "how long a throttled account stays locked"})

    @property
    def register_url(self) -> str:
        """The register database actually used: ``database_url``, the demo file, or the default file.

        >>> Settings().register_url.endswith("/ketenkaart/register.sqlite")
        True
        >>> Settings(register_demo=True).register_url.endswith("/register-demo.sqlite")
        True
        """
        if self.database_url:
            return self.database_url
        return default_database_url(demo=self.register_demo)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Settings":
        environ = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = environ.get(f.metadata["env"])
            if raw is None or raw == "":
                continue
            if f.name == "data_dir":
                values[f.name] = Path(raw)
            elif f.name == "suppression_threshold":
                if not raw.isdigit() or int(raw) < MIN_SUPPRESSION_THRESHOLD:
                    raise ChainError(
                        f"{f.metadata['env']} must be a whole number >= {MIN_SUPPRESSION_THRESHOLD}, got {raw!r}"
                    )
                values[f.name] = int(raw)
            elif f.name in _WHOLE_NUMBERS:
                if not raw.isdigit() or int(raw) < _WHOLE_NUMBERS[f.name]:
                    raise ChainError(f"{f.metadata['env']} must be a whole number >= {_WHOLE_NUMBERS[f.name]}, got {raw!r}")
                values[f.name] = int(raw)
            elif f.name == "register_demo":
                if raw.lower() not in ("0", "1", "true", "false", "yes", "no"):
                    raise ChainError(f"{f.metadata['env']} must be 1 or 0, got {raw!r}")
                values[f.name] = raw.lower() in ("1", "true", "yes")
            else:
                values[f.name] = raw
        if values.get("database_url"):
            values["register_demo"] = False  # a configured register is never the demo (nor seeded with it)
        return cls(**values)
