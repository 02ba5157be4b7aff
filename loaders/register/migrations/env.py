"""Alembic environment: runs on the engine handed over by :func:`loaders.register.schema.migrate`."""

from __future__ import annotations

from alembic import context

from loaders.register.schema import metadata

config = context.config
engine = config.attributes["engine"]

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
        compare_type=True,
    )
    context.run_migrations()
