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

__all__ = ["Settings", "default_data_dir", "MIN_SUPPRESSION_THRESHOLD"]

# Small-cell suppression: figures resting on fewer cases than this show as "<N".
# Configurable upwards only.
MIN_SUPPRESSION_THRESHOLD = 5

def default_data_dir() -> Path:
    """The built-in Haaglanden chain data."""
    from loaders.resources import HAAGLANDEN, builtin_path

    return builtin_path(HAAGLANDEN)


@dataclass(frozen=True)
class Settings:
    """Everything configurable, with the environment variable that sets it."""

    data_dir: Path = field(default_factory=default_data_dir, metadata={"env": "KETENKAART_DATA", "help": "chain data folder, workbook or Turtle file"})
    neo4j_uri: str | None = field(default=None, metadata={"env": "NEO4J_URI", "help": "Bolt URI of the shared server; unset = embedded graph"})
    neo4j_user: str = field(default="neo4j", metadata={"env": "NEO4J_USER", "help": "Neo4j user"})
    neo4j_password: str = field(default="", metadata={"env": "NEO4J_PASSWORD", "help": "Neo4j password"})
    neo4j_database: str | None = field(default=None, metadata={"env": "NEO4J_DATABASE", "help": "Neo4j database name"})
    suppression_threshold: int = field(default=MIN_SUPPRESSION_THRESHOLD, metadata={"env": "KETENKAART_SUPPRESSION_THRESHOLD", "help": "smallest case count shown; >= 5"})

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
            else:
                values[f.name] = raw
        return cls(**values)
