"""Initial schema: regions, register, programs, proposals, letters, users, audit.

Also seeds the roles, the two programs every office runs (PBI-JK and RTLH) and the
built-in demo administrator that acts until sign-in exists.

Revision ID: 0001
Revises:
Create Date: 2026-11-27 20:38:32.081839
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('letter_counters',
    sa.Column('counter_key', sa.String(length=30), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('last_seq', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('counter_key', 'year', name=op.f('pk_letter_counters'))
    )
    op.create_table('programs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('unit', sa.String(length=10), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('rules_json', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programs')),
    sa.UniqueConstraint('code', name=op.f('uq_programs_code'))
    )
    op.create_table('regions',
    sa.Column('code', sa.String(length=13), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('level', sa.String(length=16), nullable=False),
    sa.Column('parent_code', sa.String(length=13), nullable=True),
    sa.Column('boundary_geojson', sa.Text(), nullable=True),
    sa.Column('boundary_source', sa.String(length=200), nullable=True),
    sa.Column('min_lon', sa.Float(), nullable=True),
    sa.Column('min_lat', sa.Float(), nullable=True),
    sa.Column('max_lon', sa.Float(), nullable=True),
    sa.Column('max_lat', sa.Float(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['parent_code'], ['regions.code'], name=op.f('fk_regions_parent_code_regions')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_regions'))
    )
    with op.batch_alter_table('regions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_regions_level'), ['level'], unique=False)
        batch_op.create_index(batch_op.f('ix_regions_parent_code'), ['parent_code'], unique=False)

    op.create_table('roles',
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_roles'))
    )
    op.create_table('settings',
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('value_json', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_settings'))
    )
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=60), nullable=False),
    sa.Column('full_name', sa.String(length=120), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('is_builtin', sa.Boolean(), nullable=False),
    sa.Column('failed_attempts', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('must_change_password', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('username', name=op.f('uq_users_username'))
    )
    op.create_table('audit_events',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('username', sa.String(length=60), nullable=False),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=40), nullable=True),
    sa.Column('field', sa.String(length=60), nullable=True),
    sa.Column('old_value', sa.Text(), nullable=True),
    sa.Column('new_value', sa.Text(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_audit_events_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_events'))
    )
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.create_index('ix_audit_events_at', ['at'], unique=False)
        batch_op.create_index('ix_audit_events_entity', ['entity', 'entity_id'], unique=False)
    _protect_audit_events()

    op.create_table('households',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('no_kk', sa.String(length=16), nullable=False),
    sa.Column('kelurahan_code', sa.String(length=13), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('rt', sa.String(length=3), nullable=False),
    sa.Column('rw', sa.String(length=3), nullable=False),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('desil', sa.SmallInteger(), nullable=True),
    sa.Column('income_bracket', sa.String(length=20), nullable=True),
    sa.Column('land_status', sa.String(length=20), nullable=True),
    sa.Column('land_document', sa.String(length=30), nullable=True),
    sa.Column('other_house', sa.Boolean(), nullable=True),
    sa.Column('roof_material', sa.String(length=20), nullable=True),
    sa.Column('roof_condition', sa.String(length=20), nullable=True),
    sa.Column('roof_frame_sound', sa.Boolean(), nullable=True),
    sa.Column('wall_material', sa.String(length=30), nullable=True),
    sa.Column('wall_condition', sa.String(length=20), nullable=True),
    sa.Column('columns_beams', sa.Boolean(), nullable=True),
    sa.Column('floor_material', sa.String(length=20), nullable=True),
    sa.Column('floor_condition', sa.String(length=20), nullable=True),
    sa.Column('foundation_sloof', sa.Boolean(), nullable=True),
    sa.Column('collapse_risk', sa.Boolean(), nullable=True),
    sa.Column('hazard_site', sa.Boolean(), nullable=True),
    sa.Column('floor_area_m2', sa.Float(), nullable=True),
    sa.Column('occupants', sa.SmallInteger(), nullable=True),
    sa.Column('bedrooms', sa.SmallInteger(), nullable=True),
    sa.Column('ventilation_ok', sa.Boolean(), nullable=True),
    sa.Column('daylight_ok', sa.Boolean(), nullable=True),
    sa.Column('toilet', sa.String(length=20), nullable=True),
    sa.Column('toilet_type', sa.String(length=30), nullable=True),
    sa.Column('sewage', sa.String(length=20), nullable=True),
    sa.Column('water_source', sa.String(length=30), nullable=True),
    sa.Column('water_septic_distance_m', sa.Float(), nullable=True),
    sa.Column('electricity', sa.String(length=20), nullable=True),
    sa.Column('electricity_va', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['kelurahan_code'], ['regions.code'], name=op.f('fk_households_kelurahan_code_regions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_households')),
    sa.UniqueConstraint('no_kk', name=op.f('uq_households_no_kk'))
    )
    with op.batch_alter_table('households', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_households_desil'), ['desil'], unique=False)
        batch_op.create_index(batch_op.f('ix_households_kelurahan_code'), ['kelurahan_code'], unique=False)
        batch_op.create_index('ix_households_rt_rw', ['kelurahan_code', 'rw', 'rt', 'id'], unique=False)

    op.create_table('periods',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('funding_source', sa.String(length=20), nullable=True),
    sa.Column('opens_on', sa.Date(), nullable=True),
    sa.Column('closes_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_periods_program_id_programs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_periods'))
    )
    with op.batch_alter_table('periods', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_periods_program_id'), ['program_id'], unique=False)

    op.create_table('reference_lists',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('source_file', sa.String(length=255), nullable=False),
    sa.Column('source_date', sa.Date(), nullable=True),
    sa.Column('row_count', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('imported_by_id', sa.Integer(), nullable=True),
    sa.Column('imported_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['imported_by_id'], ['users.id'], name=op.f('fk_reference_lists_imported_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reference_lists'))
    )
    with op.batch_alter_table('reference_lists', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reference_lists_kind'), ['kind'], unique=False)

    op.create_table('user_roles',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role_code', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['role_code'], ['roles.code'], name=op.f('fk_user_roles_role_code_roles')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_roles_user_id_users')),
    sa.PrimaryKeyConstraint('user_id', 'role_code', name=op.f('pk_user_roles'))
    )
    op.create_table('user_scopes',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('region_code', sa.String(length=13), nullable=False),
    sa.ForeignKeyConstraint(['region_code'], ['regions.code'], name=op.f('fk_user_scopes_region_code_regions')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_scopes_user_id_users')),
    sa.PrimaryKeyConstraint('user_id', 'region_code', name=op.f('pk_user_scopes'))
    )
    op.create_table('letters',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('letter_type', sa.String(length=30), nullable=False),
    sa.Column('number', sa.String(length=80), nullable=False),
    sa.Column('counter_key', sa.String(length=30), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('period_id', sa.Integer(), nullable=True),
    sa.Column('addressee', sa.String(length=300), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('withdrawn_reason', sa.Text(), nullable=True),
    sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('pdf', sa.LargeBinary(), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.Column('signed', sa.Boolean(), nullable=False),
    sa.Column('signer_name', sa.String(length=120), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_letters_created_by_id_users')),
    sa.ForeignKeyConstraint(['period_id'], ['periods.id'], name=op.f('fk_letters_period_id_periods')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_letters')),
    sa.UniqueConstraint('counter_key', 'year', 'seq', name='uq_letters_counter_year_seq'),
    sa.UniqueConstraint('number', name=op.f('uq_letters_number'))
    )
    op.create_table('members',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('household_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('nik', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('name_key', sa.String(length=120), nullable=False),
    sa.Column('sex', sa.String(length=1), nullable=False),
    sa.Column('birth_place', sa.String(length=80), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('relationship', sa.String(length=20), nullable=False),
    sa.Column('marital_status', sa.String(length=20), nullable=True),
    sa.Column('occupation', sa.String(length=60), nullable=True),
    sa.Column('education', sa.String(length=30), nullable=True),
    sa.Column('disability', sa.String(length=40), nullable=True),
    sa.Column('chronic_illness', sa.Boolean(), nullable=False),
    sa.Column('pregnant', sa.Boolean(), nullable=False),
    sa.Column('jkn_status', sa.String(length=10), nullable=False),
    sa.Column('jkn_segment', sa.String(length=20), nullable=True),
    sa.Column('asn_tni_polri', sa.Boolean(), nullable=False),
    sa.Column('deceased', sa.Boolean(), nullable=False),
    sa.Column('deceased_date', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['household_id'], ['households.id'], name=op.f('fk_members_household_id_households')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_members')),
    sa.UniqueConstraint('nik', name=op.f('uq_members_nik'))
    )
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_members_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_members_name_key'), ['name_key'], unique=False)
        batch_op.create_index('ix_members_twin', ['name_key', 'birth_date', 'sex', 'household_id', 'deceased'], unique=False)

    op.create_table('quotas',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('period_id', sa.Integer(), nullable=False),
    sa.Column('region_code', sa.String(length=13), nullable=True),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['period_id'], ['periods.id'], name=op.f('fk_quotas_period_id_periods')),
    sa.ForeignKeyConstraint(['region_code'], ['regions.code'], name=op.f('fk_quotas_region_code_regions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quotas')),
    sa.UniqueConstraint('period_id', 'region_code', name='uq_quotas_period_region')
    )
    op.create_table('reference_entries',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('list_id', sa.Integer(), nullable=False),
    sa.Column('nik', sa.String(length=16), nullable=True),
    sa.Column('no_kk', sa.String(length=16), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('segment', sa.String(length=30), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['list_id'], ['reference_lists.id'], name=op.f('fk_reference_entries_list_id_reference_lists'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reference_entries'))
    )
    with op.batch_alter_table('reference_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reference_entries_list_id'), ['list_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reference_entries_nik'), ['nik'], unique=False)
        batch_op.create_index(batch_op.f('ix_reference_entries_no_kk'), ['no_kk'], unique=False)

    op.create_table('proposals',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('period_id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('member_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('source', sa.String(length=30), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('priority_score', sa.Float(), nullable=True),
    sa.Column('assigned_to_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['assigned_to_id'], ['users.id'], name=op.f('fk_proposals_assigned_to_id_users')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_proposals_created_by_id_users')),
    sa.ForeignKeyConstraint(['household_id'], ['households.id'], name=op.f('fk_proposals_household_id_households')),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_proposals_member_id_members')),
    sa.ForeignKeyConstraint(['period_id'], ['periods.id'], name=op.f('fk_proposals_period_id_periods')),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_proposals_program_id_programs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposals'))
    )
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposals_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposals_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposals_period_id'), ['period_id'], unique=False)
        batch_op.create_index('ix_proposals_program_state', ['program_id', 'state'], unique=False)

    op.create_table('field_verifications',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('proposal_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('officer_id', sa.Integer(), nullable=True),
    sa.Column('officer_name', sa.String(length=120), nullable=False),
    sa.Column('visit_date', sa.Date(), nullable=True),
    sa.Column('gps_longitude', sa.Float(), nullable=True),
    sa.Column('gps_latitude', sa.Float(), nullable=True),
    sa.Column('distance_from_record_m', sa.Float(), nullable=True),
    sa.Column('answers_json', sa.Text(), nullable=False),
    sa.Column('conclusion', sa.String(length=20), nullable=True),
    sa.Column('conclusion_reason', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['officer_id'], ['users.id'], name=op.f('fk_field_verifications_officer_id_users')),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_field_verifications_proposal_id_proposals')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_field_verifications'))
    )
    with op.batch_alter_table('field_verifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_field_verifications_proposal_id'), ['proposal_id'], unique=False)

    op.create_table('findings',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('proposal_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('household_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('member_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('rule', sa.String(length=40), nullable=False),
    sa.Column('severity', sa.String(length=10), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('evidence_json', sa.Text(), nullable=False),
    sa.Column('overridden_by_id', sa.Integer(), nullable=True),
    sa.Column('override_reason', sa.Text(), nullable=True),
    sa.Column('overridden_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['household_id'], ['households.id'], name=op.f('fk_findings_household_id_households')),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_findings_member_id_members')),
    sa.ForeignKeyConstraint(['overridden_by_id'], ['users.id'], name=op.f('fk_findings_overridden_by_id_users')),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_findings_proposal_id_proposals')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_findings'))
    )
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_findings_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_findings_proposal_id'), ['proposal_id'], unique=False)

    op.create_table('letter_proposals',
    sa.Column('letter_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('proposal_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.ForeignKeyConstraint(['letter_id'], ['letters.id'], name=op.f('fk_letter_proposals_letter_id_letters')),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_letter_proposals_proposal_id_proposals')),
    sa.PrimaryKeyConstraint('letter_id', 'proposal_id', name=op.f('pk_letter_proposals'))
    )
    with op.batch_alter_table('letter_proposals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_letter_proposals_proposal_id'), ['proposal_id'], unique=False)

    op.create_table('attachments',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('household_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('proposal_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('verification_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('mime_type', sa.String(length=100), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('thumbnail', sa.LargeBinary(), nullable=True),
    sa.Column('taken_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_attachments_created_by_id_users')),
    sa.ForeignKeyConstraint(['household_id'], ['households.id'], name=op.f('fk_attachments_household_id_households')),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_attachments_proposal_id_proposals')),
    sa.ForeignKeyConstraint(['verification_id'], ['field_verifications.id'], name=op.f('fk_attachments_verification_id_field_verifications')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachments'))
    )
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachments_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachments_proposal_id'), ['proposal_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachments_verification_id'), ['verification_id'], unique=False)

    _seed()


ROLES = [
    ("operator", "Operator"),
    ("field_officer", "Petugas lapangan"),
    ("reviewer", "Peninjau"),
    ("signatory", "Penandatangan (Camat)"),
    ("admin", "Administrator"),
]

PROGRAMS = [
    ("pbi-jk", "PBI Jaminan Kesehatan", "person"),
    ("rtlh", "Rehabilitasi Rumah Tidak Layak Huni", "household"),
]


def _seed() -> None:
    roles = sa.table("roles", sa.column("code", sa.String), sa.column("name", sa.String))
    op.bulk_insert(roles, [{"code": c, "name": n} for c, n in ROLES])
    programs = sa.table(
        "programs",
        sa.column("code", sa.String),
        sa.column("name", sa.String),
        sa.column("unit", sa.String),
        sa.column("active", sa.Boolean),
        sa.column("rules_json", sa.Text),
    )
    op.bulk_insert(
        programs,
        [{"code": c, "name": n, "unit": u, "active": True, "rules_json": "{}"} for c, n, u in PROGRAMS],
    )
    users = sa.table(
        "users",
        sa.column("username", sa.String),
        sa.column("full_name", sa.String),
        sa.column("active", sa.Boolean),
        sa.column("is_builtin", sa.Boolean),
        sa.column("failed_attempts", sa.Integer),
        sa.column("must_change_password", sa.Boolean),
        sa.column("version", sa.Integer),
    )
    op.bulk_insert(
        users,
        [{
            "username": "demo-admin", "full_name": "Administrator demo", "active": True,
            "is_builtin": True, "failed_attempts": 0, "must_change_password": False,
            "version": 1,
        }],
    )
    conn = op.get_bind()
    admin_id = conn.execute(sa.text("SELECT id FROM users WHERE username = 'demo-admin'")).scalar_one()
    user_roles = sa.table("user_roles", sa.column("user_id", sa.Integer), sa.column("role_code", sa.String))
    op.bulk_insert(user_roles, [{"user_id": admin_id, "role_code": c} for c, _ in ROLES])


# The audit trail is append-only: the database itself refuses to change or remove a row,
# whatever the application does. A later migration that rebuilds audit_events (batch mode
# on SQLite copies the table) must create these triggers again.
_AUDIT_REFUSAL = "audit_events is append-only: rows cannot be changed or deleted"


def _protect_audit_events() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute(
            "CREATE FUNCTION tepat_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{_AUDIT_REFUSAL} (%)', TG_OP "
            "USING ERRCODE = 'insufficient_privilege'; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events "
            "FOR EACH ROW EXECUTE FUNCTION tepat_audit_append_only()"
        )
        op.execute(
            "CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events "
            "FOR EACH STATEMENT EXECUTE FUNCTION tepat_audit_append_only()"
        )
    elif dialect == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_events_no_{event.lower()} BEFORE {event} ON audit_events "
                f"BEGIN SELECT RAISE(ABORT, '{_AUDIT_REFUSAL}'); END"
            )


def _unprotect_audit_events() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_truncate ON audit_events")
        op.execute("DROP TRIGGER IF EXISTS audit_events_append_only ON audit_events")
        op.execute("DROP FUNCTION IF EXISTS tepat_audit_append_only()")
    elif dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_delete")


def downgrade() -> None:
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachments_verification_id'))
        batch_op.drop_index(batch_op.f('ix_attachments_proposal_id'))
        batch_op.drop_index(batch_op.f('ix_attachments_household_id'))

    op.drop_table('attachments')
    with op.batch_alter_table('letter_proposals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_letter_proposals_proposal_id'))

    op.drop_table('letter_proposals')
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_findings_proposal_id'))
        batch_op.drop_index(batch_op.f('ix_findings_household_id'))

    op.drop_table('findings')
    with op.batch_alter_table('field_verifications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_field_verifications_proposal_id'))

    op.drop_table('field_verifications')
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.drop_index('ix_proposals_program_state')
        batch_op.drop_index(batch_op.f('ix_proposals_period_id'))
        batch_op.drop_index(batch_op.f('ix_proposals_member_id'))
        batch_op.drop_index(batch_op.f('ix_proposals_household_id'))

    op.drop_table('proposals')
    with op.batch_alter_table('reference_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reference_entries_no_kk'))
        batch_op.drop_index(batch_op.f('ix_reference_entries_nik'))
        batch_op.drop_index(batch_op.f('ix_reference_entries_list_id'))

    op.drop_table('reference_entries')
    op.drop_table('quotas')
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.drop_index('ix_members_twin')
        batch_op.drop_index(batch_op.f('ix_members_name_key'))
        batch_op.drop_index(batch_op.f('ix_members_household_id'))

    op.drop_table('members')
    op.drop_table('letters')
    op.drop_table('user_scopes')
    op.drop_table('user_roles')
    with op.batch_alter_table('reference_lists', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reference_lists_kind'))

    op.drop_table('reference_lists')
    with op.batch_alter_table('periods', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_periods_program_id'))

    op.drop_table('periods')
    with op.batch_alter_table('households', schema=None) as batch_op:
        batch_op.drop_index('ix_households_rt_rw')
        batch_op.drop_index(batch_op.f('ix_households_kelurahan_code'))
        batch_op.drop_index(batch_op.f('ix_households_desil'))

    op.drop_table('households')
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_events_entity')
        batch_op.drop_index('ix_audit_events_at')

    _unprotect_audit_events()
    op.drop_table('audit_events')
    op.drop_table('users')
    op.drop_table('settings')
    op.drop_table('roles')
    with op.batch_alter_table('regions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_regions_parent_code'))
        batch_op.drop_index(batch_op.f('ix_regions_level'))

    op.drop_table('regions')
    op.drop_table('programs')
    op.drop_table('letter_counters')
