"""The register schema: casussen, knelpunten, agreements, systeemknelpunten, accounts, sessions, audit

Revision ID: 0001
Revises: (none)
Create Date: 2026-12-02 02:34:01.707342
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=80), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=True),
    sa.Column('oidc_email', sa.String(length=254), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_account')),
    sa.UniqueConstraint('oidc_email', name=op.f('uq_account_oidc_email')),
    sa.UniqueConstraint('username', name=op.f('uq_account_username'))
    )
    op.create_table('audit_entry',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=120), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=40), nullable=False),
    sa.Column('before', sa.Text(), nullable=True),
    sa.Column('after', sa.Text(), nullable=True),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry')),
    sa.UniqueConstraint('hash', name=op.f('uq_audit_entry_hash'))
    )
    op.create_table('casus',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=True),
    sa.Column('review_date', sa.Date(), nullable=False),
    sa.Column('region', sa.String(length=40), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('reduced_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_casus')),
    sa.UniqueConstraint('code', name=op.f('uq_casus_code'))
    )
    op.create_table('login_attempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=80), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('succeeded', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_attempt'))
    )
    with op.batch_alter_table('login_attempt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_attempt_username'), ['username'], unique=False)

    op.create_table('register_meta',
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_register_meta'))
    )
    op.create_table('report_approval',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('approved_by', sa.String(length=120), nullable=False),
    sa.Column('approved_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_approval'))
    )
    op.create_table('system_issue',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('title', sa.String(length=1000), nullable=False),
    sa.Column('description', sa.String(length=1000), nullable=True),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('owner_organisation', sa.String(length=120), nullable=True),
    sa.Column('owner_role', sa.String(length=1000), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_system_issue')),
    sa.UniqueConstraint('code', name=op.f('uq_system_issue_code'))
    )
    op.create_table('casus_organisation',
    sa.Column('casus_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['casus_id'], ['casus.id'], name=op.f('fk_casus_organisation_casus_id_casus'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('casus_id', 'organisation_id', name=op.f('pk_casus_organisation'))
    )
    op.create_table('casus_violence',
    sa.Column('casus_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['casus_id'], ['casus.id'], name=op.f('fk_casus_violence_casus_id_casus'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('casus_id', 'kind', name=op.f('pk_casus_violence'))
    )
    op.create_table('knelpunt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('casus_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('description', sa.String(length=1000), nullable=True),
    sa.Column('evidence', sa.String(length=1000), nullable=True),
    sa.ForeignKeyConstraint(['casus_id'], ['casus.id'], name=op.f('fk_knelpunt_casus_id_casus'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_knelpunt')),
    sa.UniqueConstraint('casus_id', 'number', name='uq_knelpunt_casus_number')
    )
    with op.batch_alter_table('knelpunt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_knelpunt_casus_id'), ['casus_id'], unique=False)

    op.create_table('login_session',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ended', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], name=op.f('fk_login_session_account_id_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('token_hash', name=op.f('pk_login_session'))
    )
    with op.batch_alter_table('login_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_session_account_id'), ['account_id'], unique=False)

    op.create_table('agreement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('knelpunt_id', sa.Integer(), nullable=True),
    sa.Column('system_issue_id', sa.Integer(), nullable=True),
    sa.Column('what', sa.String(length=1000), nullable=False),
    sa.Column('by_organisation', sa.String(length=120), nullable=False),
    sa.Column('by_role', sa.String(length=1000), nullable=True),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('follow_up', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.Column('agreed_on', sa.Date(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('(knelpunt_id IS NULL) <> (system_issue_id IS NULL)', name=op.f('ck_agreement_one_owner')),
    sa.ForeignKeyConstraint(['knelpunt_id'], ['knelpunt.id'], name=op.f('fk_agreement_knelpunt_id_knelpunt'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['system_issue_id'], ['system_issue.id'], name=op.f('fk_agreement_system_issue_id_system_issue'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement'))
    )
    with op.batch_alter_table('agreement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_knelpunt_id'), ['knelpunt_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_system_issue_id'), ['system_issue_id'], unique=False)

    op.create_table('knelpunt_element',
    sa.Column('knelpunt_id', sa.Integer(), nullable=False),
    sa.Column('element_id', sa.String(length=120), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['knelpunt_id'], ['knelpunt.id'], name=op.f('fk_knelpunt_element_knelpunt_id_knelpunt'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('knelpunt_id', 'element_id', name=op.f('pk_knelpunt_element'))
    )
    with op.batch_alter_table('knelpunt_element', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_knelpunt_element_element_id'), ['element_id'], unique=False)

    op.create_table('system_issue_knelpunt',
    sa.Column('system_issue_id', sa.Integer(), nullable=False),
    sa.Column('knelpunt_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['knelpunt_id'], ['knelpunt.id'], name=op.f('fk_system_issue_knelpunt_knelpunt_id_knelpunt'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['system_issue_id'], ['system_issue.id'], name=op.f('fk_system_issue_knelpunt_system_issue_id_system_issue'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('system_issue_id', 'knelpunt_id', name=op.f('pk_system_issue_knelpunt'))
    )
    # the audit chain starts at entry 0 with an all-zero hash (see loaders/register/audit.py)
    meta = sa.table("register_meta", sa.column("key", sa.String), sa.column("value", sa.Text))
    op.bulk_insert(meta, [{"key": "audit_head", "value": "0:" + "0" * 64}])


def downgrade() -> None:
    op.drop_table('system_issue_knelpunt')
    with op.batch_alter_table('knelpunt_element', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_knelpunt_element_element_id'))

    op.drop_table('knelpunt_element')
    with op.batch_alter_table('agreement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_system_issue_id'))
        batch_op.drop_index(batch_op.f('ix_agreement_knelpunt_id'))

    op.drop_table('agreement')
    with op.batch_alter_table('login_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_session_account_id'))

    op.drop_table('login_session')
    with op.batch_alter_table('knelpunt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_knelpunt_casus_id'))

    op.drop_table('knelpunt')
    op.drop_table('casus_violence')
    op.drop_table('casus_organisation')
    op.drop_table('system_issue')
    op.drop_table('report_approval')
    op.drop_table('register_meta')
    with op.batch_alter_table('login_attempt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_attempt_username'))

    op.drop_table('login_attempt')
    op.drop_table('casus')
    op.drop_table('audit_entry')
    op.drop_table('account')
