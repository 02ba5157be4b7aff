"""Alembic migrations of the register schema (run by :func:`loaders.register.schema.migrate`)."""
