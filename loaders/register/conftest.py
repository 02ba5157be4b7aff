"""Doctest collection: the Alembic migrations run only inside Alembic."""

collect_ignore = ["migrations"]
