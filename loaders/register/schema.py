"""The register's tables (SQLAlchemy Core) and how a database is opened and migrated.

SQLite is the embedded default (WAL journal, foreign keys on, a busy
timeout); PostgreSQL serves a team's shared server
(``KETENKAART_DATABASE_URL=postgresql+psycopg://…``). The schema is created
and upgraded only by the Alembic migrations shipped in
``loaders/register/migrations`` (:func:`migrate`), never by ``create_all``.

Tables
------
============================  ==================================================================
``casus``                     a reviewed casus: pseudonymous code, review date, region, status
``casus_violence``            its kinds of violence (closed list)
``casus_organisation``        the organisations involved (chain ids)
``knelpunt``                  where it got stuck: category, description, evidence discussed
``knelpunt_element``          the chain elements (hand-off, organisation, instrument, legal basis)
``agreement``                 the doorbraak per knelpunt or systeemknelpunt
``system_issue``              a systeemknelpunt (pattern over several casussen)
``system_issue_knelpunt``     the knelpunten it groups
``account``                   lezer / lid / voorzitter; argon2 hash or an OIDC e-mail
``login_session``             a login: token digest, expiry, last seen
``login_attempt``             failed and successful logins (throttling)
``audit_entry``               append-only, hash-chained log of every write
``report_approval``           the voorzitter's approval of a report period
``register_meta``             key/value: the audit head, the demo flag
============================  ==================================================================

>>> engine = open_engine("sqlite://")
>>> migrate(engine)
>>> sorted(inspect(engine).get_table_names())[:3]
['account', 'agreement', 'alembic_version']
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    inspect,
)
from sqlalchemy.engine import make_url

__all__ = ["TABLES", "alembic_config", "inspect", "metadata", "migrate", "open_engine"]

metadata = MetaData(naming_convention={
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

CHAIN_ID = 120  # chain element ids are short slugs
TEXT = 1000  # see loaders.register.privacy.MAX_TEXT

casus = Table(
    "casus", metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(16), unique=True, nullable=True),  # NULL once reduced
    Column("review_date", Date, nullable=False),
    Column("region", String(40), nullable=True),
    Column("status", String(20), nullable=False),
    Column("closed_on", Date, nullable=True),
    Column("reduced_on", Date, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

casus_violence = Table(
    "casus_violence", metadata,
    Column("casus_id", ForeignKey("casus.id", ondelete="CASCADE"), primary_key=True),
    Column("kind", String(40), primary_key=True),
)

casus_organisation = Table(
    "casus_organisation", metadata,
    Column("casus_id", ForeignKey("casus.id", ondelete="CASCADE"), primary_key=True),
    Column("organisation_id", String(CHAIN_ID), primary_key=True),
)

knelpunt = Table(
    "knelpunt", metadata,
    Column("id", Integer, primary_key=True),
    Column("casus_id", ForeignKey("casus.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("number", Integer, nullable=False),
    Column("category", String(40), nullable=False),
    Column("description", String(TEXT), nullable=True),  # NULL once reduced
    Column("evidence", String(TEXT), nullable=True),
    UniqueConstraint("casus_id", "number", name="uq_knelpunt_casus_number"),
)

knelpunt_element = Table(
    "knelpunt_element", metadata,
    Column("knelpunt_id", ForeignKey("knelpunt.id", ondelete="CASCADE"), primary_key=True),
    Column("element_id", String(CHAIN_ID), primary_key=True, index=True),
    Column("position", Integer, nullable=False),
)

system_issue = Table(
    "system_issue", metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(16), unique=True, nullable=False),
    Column("title", String(TEXT), nullable=False),
    Column("description", String(TEXT), nullable=True),
    Column("category", String(40), nullable=False),
    Column("level", String(20), nullable=False),
    Column("status", String(20), nullable=False),
    Column("owner_organisation", String(CHAIN_ID), nullable=True),
    Column("owner_role", String(TEXT), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

system_issue_knelpunt = Table(
    "system_issue_knelpunt", metadata,
    Column("system_issue_id", ForeignKey("system_issue.id", ondelete="CASCADE"), primary_key=True),
    Column("knelpunt_id", ForeignKey("knelpunt.id", ondelete="CASCADE"), primary_key=True),
)

agreement = Table(
    "agreement", metadata,
    Column("id", Integer, primary_key=True),
    Column("knelpunt_id", ForeignKey("knelpunt.id", ondelete="CASCADE"), nullable=True, index=True),
    Column("system_issue_id", ForeignKey("system_issue.id", ondelete="CASCADE"), nullable=True, index=True),
    Column("what", String(TEXT), nullable=False),
    Column("by_organisation", String(CHAIN_ID), nullable=False),
    Column("by_role", String(TEXT), nullable=True),
    Column("deadline", Date, nullable=True),
    Column("follow_up", Date, nullable=True),
    Column("status", String(20), nullable=False),
    Column("level", String(20), nullable=False),
    Column("agreed_on", Date, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("(knelpunt_id IS NULL) <> (system_issue_id IS NULL)", name="one_owner"),
)

account = Table(
    "account", metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(80), unique=True, nullable=False),
    Column("role", String(20), nullable=False),
    Column("password_hash", String(200), nullable=True),
    Column("oidc_email", String(254), unique=True, nullable=True),
    Column("active", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

login_session = Table(
    "login_session", metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("account_id", ForeignKey("account.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("ended", Boolean, nullable=False),
)

login_attempt = Table(
    "login_attempt", metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(80), nullable=False, index=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("succeeded", Boolean, nullable=False),
)

audit_entry = Table(
    "audit_entry", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),  # 1, 2, 3 … with no gaps
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(120), nullable=False),
    Column("action", String(40), nullable=False),
    Column("entity", String(40), nullable=False),
    Column("entity_id", String(40), nullable=False),
    Column("before", Text, nullable=True),
    Column("after", Text, nullable=True),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False, unique=True),
)

report_approval = Table(
    "report_approval", metadata,
    Column("id", Integer, primary_key=True),
    Column("period_start", Date, nullable=False),
    Column("period_end", Date, nullable=False),
    Column("approved_by", String(120), nullable=False),
    Column("approved_at", DateTime(timezone=True), nullable=False),
)

register_meta = Table(
    "register_meta", metadata,
    Column("key", String(40), primary_key=True),
    Column("value", Text, nullable=False),
)

TABLES = tuple(metadata.sorted_tables)


def open_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL, foreign keys and a busy timeout, and its folder is created.

    ``sqlite://`` (in memory) keeps one connection so every session sees the same database.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, connect_args={"timeout": 30})
        else:
            from sqlalchemy.pool import StaticPool

            engine = create_engine(url, connect_args={"check_same_thread": False}, poolclass=StaticPool)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record) -> None:  # pragma: no cover - trivially run
            cursor = dbapi_connection.cursor()
            if parsed.database and parsed.database != ":memory:":
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config(engine: Engine):
    """The Alembic configuration for the migrations shipped in the package (no alembic.ini needed)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "loaders.register:migrations")
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine, revision: str = "head") -> None:
    """Create or upgrade the register schema to ``revision`` with Alembic."""
    from alembic import command

    command.upgrade(alembic_config(engine), revision)
