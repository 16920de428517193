// Signals and referrals (capability C): categories and routing rules per area, signals with their reporters,
// timeline, photos, referrals between partners, one-time partner links, the "is it solved?" check, collective
// issues, Open311 clients, the intake rate limit and the stored category classifier. Frozen in time.
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	const time = dialect === 'postgres' ? 'timestamptz' : 'text';
	const bool = dialect === 'postgres' ? 'boolean' : 'integer';
	const json = dialect === 'postgres' ? 'jsonb' : 'text';
	const real = dialect === 'postgres' ? 'double precision' : 'real';
	const t = (type: string) => sql.raw(type) as any;

	await db.schema
		.createTable('signal_categories')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('key', 'text', (c) => c.notNull())
		/** home_repair | common_spaces | nuisance | public_space | help: the pictogram a resident picks. */
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('name_fr', 'text')
		.addColumn('name_en', 'text')
		.addColumn('sort_order', 'integer', (c) => c.notNull())
		.addColumn('is_active', t(bool), (c) => c.notNull())
		.addColumn('created_at', t(time), (c) => c.notNull())
		.addColumn('updated_at', t(time), (c) => c.notNull())
		.execute();
	await db.schema.createIndex('signal_categories_key').unique().on('signal_categories').column('key').execute();

	await db.schema
		.createTable('routing_rules')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('category_id', 'text', (c) => c.notNull().references('signal_categories.id').onDelete('cascade'))
		/** null: the default for every area without a rule of its own; otherwise the area and everything under it. */
		.addColumn('area_id', 'text', (c) => c.references('areas.id').onDelete('cascade'))
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('restrict'))
		.addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('set null'))
		.addColumn('deadline_days', 'integer', (c) => c.notNull())
		.addColumn('priority', 'text', (c) => c.notNull())
		.addColumn('created_at', t(time), (c) => c.notNull())
		.addColumn('updated_at', t(time), (c) => c.notNull())
		.execute();
	await db.schema.createIndex('routing_rules_category_area').unique().on('routing_rules').columns(['category_id', 'area_id']).execute();

	await db.schema
		.createTable('open311_clients')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('contact_email', 'text')
		/** sha256 of the key; the key itself is shown once, when it is issued. */
		.addColumn('key_hash', 'text', (c) => c.notNull())
		.addColumn('created_by', 'text')
		.addColumn('created_at', t(time), (c) => c.notNull())
		.addColumn('revoked_at', t(time))
		.addColumn('last_used_at', t(time))
		.execute();
	await db.schema.createIndex('open311_clients_key').unique().on('open311_clients').column('key_hash').execute();

	await db.schema
		.createTable('collective_issues')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('description', 'text')
		.addColumn('area_id', 'text', (c) => c.references('areas.id').onDelete('set null'))
		.addColumn('estate_id', 'text', (c) => c.references('estates.id').onDelete('set null'))
		.addColumn('category_id', 'text', (c) => c.references('signal_categories.id').onDelete('set null'))
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', t(time), (c) => c.notNull())
		.addColumn('updated_at', t(time), (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('signals')
		.addColumn('id', 'text', (c) => c.primaryKey())
		/** The short code a resident types or reads over the phone (e.g. "K7M-4PX"). */
		.addColumn('reference', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('category_id', 'text', (c) => c.references('signal_categories.id').onDelete('set null'))
		.addColumn('suggested_category_id', 'text', (c) => c.references('signal_categories.id').onDelete('set null'))
		.addColumn('is_help_request', t(bool), (c) => c.notNull())
		.addColumn('description', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('status_reason', 'text')
		.addColumn('priority', 'text', (c) => c.notNull())
		.addColumn('area_id', 'text', (c) => c.references('areas.id').onDelete('set null'))
		.addColumn('estate_id', 'text', (c) => c.references('estates.id').onDelete('set null'))
		.addColumn('building_id', 'text', (c) => c.references('buildings.id').onDelete('set null'))
		.addColumn('dwelling_id', 'text', (c) => c.references('dwellings.id').onDelete('set null'))
		/** dwelling | common_space | map | address | none */
		.addColumn('location_kind', 'text', (c) => c.notNull())
		.addColumn('location_text', 'text')
		.addColumn('lon', t(real))
		.addColumn('lat', t(real))
		.addColumn('organisation_id', 'text', (c) => c.references('organisations.id').onDelete('set null'))
		.addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('set null'))
		.addColumn('assignee_id', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('deadline_at', t(time))
		/** web | qr | staff | open311 | partner */
		.addColumn('source', 'text', (c) => c.notNull())
		/** For staff intake: house_visit | community_centre | street | phone | office */
		.addColumn('channel', 'text')
		.addColumn('household_id', 'text', (c) => c.references('households.id').onDelete('set null'))
		.addColumn('resident_id', 'text', (c) => c.references('residents.id').onDelete('set null'))
		.addColumn('consent_id', 'text', (c) => c.references('consents.id').onDelete('set null'))
		.addColumn('open311_client_id', 'text', (c) => c.references('open311_clients.id').onDelete('set null'))
		.addColumn('merged_into_id', 'text', (c) => c.references('signals.id').onDelete('set null'))
		.addColumn('collective_issue_id', 'text', (c) => c.references('collective_issues.id').onDelete('set null'))
		/** A retried post with the same key (Idempotency-Key header or the form's one-time token) finds this signal. */
		.addColumn('idempotency_key', 'text')
		.addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', t(time), (c) => c.notNull())
		.addColumn('updated_at', t(time), (c) => c.notNull())
		.addColumn('first_response_at', t(time))
		.addColumn('resolved_at', t(time))
		.addColumn('closed_at', t(time))
		.execute();
	await db.schema.createIndex('signals_reference').unique().on('signals').column('reference').execute();
	await db.schema.createIndex('signals_idempotency').unique().on('signals').column('idempotency_key').execute();
	// The inbox: an organisation's open signals by deadline; the collective view: an area's signals over time.
	await db.schema.createIndex('signals_org_status_deadline').on('signals').columns(['organisation_id', 'status', 'deadline_at']).execute();
	await db.schema.createIndex('signals_org_deadline').on('signals').columns(['organisation_id', 'deadline_at']).execute();
	await db.schema.createIndex('signals_team_deadline').on('signals').columns(['team_id', 'deadline_at']).execute();
	await db.schema.createIndex('signals_assignee').on('signals').columns(['assignee_id', 'deadline_at']).execute();
	await db.schema.createIndex('signals_area_created').on('signals').columns(['area_id', 'created_at']).execute();
	await db.schema.createIndex('signals_estate_created').on('signals').columns(['estate_id', 'created_at']).execute();
	await db.schema.createIndex('signals_category_created').on('signals').columns(['category_id', 'created_at']).execute();
	await db.schema.createIndex('signals_created').on('signals').column('created_at').execute();
	await db.schema.createIndex('signals_status_closed').on('signals').columns(['status', 'closed_at']).execute();
	await db.schema.createIndex('signals_collective').on('signals').column('collective_issue_id').execute();
	await db.schema.createIndex('signals_household').on('signals').column('household_id').execute();

	await db.schema
		.createTable('signal_reporters')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('signal_id', 'text', (c) => c.notNull().references('signals.id').onDelete('cascade'))
		/** false for a "me too": someone who joined an existing signal to get its updates. */
		.addColumn('is_original', t(bool), (c) => c.notNull())
		.addColumn('name', 'text')
		.addColumn('email', 'text')
		.addColumn('phone', 'text')
		.addColumn('language', 'text', (c) => c.notNull())
		/** sha256 of the secret in the reporter's tracking link. */
		.addColumn('token_hash', 'text', (c) => c.notNull())
		.addColumn('created_at', t(time), (c) => c.notNull())
		.addColumn('anonymised_at', t(time))
		.execute();
	await db.schema.createIndex('signal_reporters_signal').on('signal_reporters').column('signal_id').execute();
	await db.schema.createIndex('signal_reporters_token').unique().on('signal_reporters').column('token_hash').execute();

	await db.schema
		.createTable('signal_events')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('signal_id', 'text', (c) => c.notNull().references('signals.id').onDelete('cascade'))
		.addColumn('at', t(time), (c) => c.notNull())
		.addColumn('actor_id', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('actor_label', 'text', (c) => c.notNull())
		/** created | routed | status | note | message | assigned | attachment | category | referral | merged | feedback | link */
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('from_status', 'text')
		.addColumn('to_status', 'text')
		.addColumn('body', 'text')
		/** internal: staff only; reporter: also shown on the tracking page and mailed. */
		.addColumn('visibility', 'text', (c) => c.notNull())
		.addColumn('data', t(json))
		.execute();
	await db.schema.createIndex('signal_events_signal').on('signal_events').columns(['signal_id', 'at']).execute();

	await db.schema
		.createTable('signal_attachments')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('signal_id', 'text', (c) => c.notNull().references('signals.id').onDelete('cascade'))
		.addColumn('file_key', 'text', (c) => c.notNull())
		.addColumn('thumbnail_key', 'text')
		.addColumn('media_type', 'text', (c) => c.notNull())
		.addColumn('width', 'integer')
		.addColumn('height', 'integer')
		.addColumn('bytes', 'integer', (c) => c.notNull())
		.addColumn('sha256', 'text', (c) => c.notNull())
		/** Shown to the reporter and on partner links only when true; staff photos of a home stay internal. */
		.addColumn('is_public', t(bool), (c) => c.notNull())
		.addColumn('uploaded_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', t(time), (c) => c.notNull())
		.execute();
	await db.schema.createIndex('signal_attachments_signal').on('signal_attachments').column('signal_id').execute();

	await db.schema
		.createTable('referrals')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('signal_id', 'text', (c) => c.notNull().references('signals.id').onDelete('cascade'))
		.addColumn('from_organisation_id', 'text', (c) => c.references('organisations.id').onDelete('set null'))
		.addColumn('to_organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('restrict'))
		.addColumn('to_team_id', 'text', (c) => c.references('teams.id').onDelete('set null'))
		.addColumn('note', 'text', (c) => c.notNull())
		/** pending | accepted | declined | withdrawn */
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('response', 'text')
		.addColumn('consent_id', 'text', (c) => c.references('consents.id').onDelete('set null'))
		.addColumn('deadline_at', t(time))
		.addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', t(time), (c) => c.notNull())
		.addColumn('responded_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('responded_at', t(time))
		.execute();
	await db.schema.createIndex('referrals_signal').on('referrals').column('signal_id').execute();
	await db.schema.createIndex('referrals_to').on('referrals').columns(['to_organisation_id', 'status', 'deadline_at']).execute();

	await db.schema
		.createTable('partner_links')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('signal_id', 'text', (c) => c.notNull().references('signals.id').onDelete('cascade'))
		/** Who it was sent to: "Loodgieter Vandenberghe", "Basisschool De Vlinder". */
		.addColumn('label', 'text', (c) => c.notNull())
		.addColumn('email', 'text')
		.addColumn('token_hash', 'text', (c) => c.notNull())
		.addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', t(time), (c) => c.notNull())
		.addColumn('expires_at', t(time), (c) => c.notNull())
		.addColumn('revoked_at', t(time))
		.addColumn('opened_at', t(time))
		.addColumn('answered_at', t(time))
		.execute();
	await db.schema.createIndex('partner_links_token').unique().on('partner_links').column('token_hash').execute();
	await db.schema.createIndex('partner_links_signal').on('partner_links').column('signal_id').execute();

	await db.schema
		.createTable('signal_feedback')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('signal_id', 'text', (c) => c.notNull().references('signals.id').onDelete('cascade'))
		.addColumn('reporter_id', 'text', (c) => c.notNull().references('signal_reporters.id').onDelete('cascade'))
		.addColumn('token_hash', 'text', (c) => c.notNull())
		.addColumn('sent_at', t(time), (c) => c.notNull())
		.addColumn('expires_at', t(time), (c) => c.notNull())
		.addColumn('answered_at', t(time))
		/** solved | not_solved */
		.addColumn('answer', 'text')
		.addColumn('comment', 'text')
		.execute();
	await db.schema.createIndex('signal_feedback_token').unique().on('signal_feedback').column('token_hash').execute();
	await db.schema.createIndex('signal_feedback_signal').on('signal_feedback').column('signal_id').execute();

	// Sweeps that must not repeat themselves (overdue warnings, anonymisation) record what they did here.
	await db.schema
		.createTable('signal_reminders')
		.addColumn('signal_id', 'text', (c) => c.notNull().references('signals.id').onDelete('cascade'))
		/** overdue:<deadline ISO> — a new deadline warns again; the same one never twice. */
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('sent_at', t(time), (c) => c.notNull())
		.addPrimaryKeyConstraint('signal_reminders_pk', ['signal_id', 'kind'])
		.execute();

	await db.schema
		.createTable('rate_limits')
		/** what:who — e.g. "intake:<hash of the client address>"; never the address itself. */
		.addColumn('key', 'text', (c) => c.notNull())
		.addColumn('window_start', t(time), (c) => c.notNull())
		.addColumn('count', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('rate_limits_pk', ['key', 'window_start'])
		.execute();

	await db.schema
		.createTable('classifier_models')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('trained_at', t(time), (c) => c.notNull())
		.addColumn('example_count', 'integer', (c) => c.notNull())
		.addColumn('model', t(json), (c) => c.notNull())
		.execute();
}
