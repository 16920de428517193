// Foundation schema: partners and staff, sessions, areas and places, households and residents, consent, audit,
// outbox and import jobs. Frozen in time: imports no application code.
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	const time = dialect === 'postgres' ? 'timestamptz' : 'text';
	const bool = dialect === 'postgres' ? 'boolean' : 'integer';
	const json = dialect === 'postgres' ? 'jsonb' : 'text';
	const real = dialect === 'postgres' ? 'double precision' : 'real';
	const t = (type: string) => sql.raw(type) as any;

	await db.schema
		.createTable('organisations')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('municipality_id', 'text')
		.addColumn('email', 'text')
		.addColumn('phone', 'text')
		.addColumn('created_at', t(time), (c) => c.notNull())
		.addColumn('updated_at', t(time), (c) => c.notNull())
		.execute();
	await db.schema.createIndex('organisations_name').unique().on('organisations').column('name').execute();

	await db.schema
		.createTable('teams')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('created_at', t(time), (c) => c.notNull())
		.execute();
	await db.schema.createIndex('teams_org_name').unique().on('teams').columns(['organisation_id', 'name']).execute();

	await db.schema
		.createTable('users')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('password_hash', 'text')
		.addColumn('organisation_id', 'text', (c) => c.references('organisations.id').onDelete('set null'))
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('locale', 'text', (c) => c.notNull())
		.addColumn('is_active', t(bool), (c) => c.notNull())
		.addColumn('created_at', t(time), (c) => c.notNull())
		.addColumn('updated_at', t(time), (c) => c.notNull())
		.addColumn('last_login_at', t(time))
		.execute();
	await db.schema.createIndex('users_email').unique().on('users').column('email').execute();
	await db.schema.createIndex('users_org').on('users').column('organisation_id').execute();

	await db.schema
		.createTable('team_members')
		.addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addPrimaryKeyConstraint('team_members_pk', ['team_id', 'user_id'])
		.execute();
	await db.schema.createIndex('team_members_user').on('team_members').column('user_id').execute();

	await db.schema
		.createTable('sessions')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('created_at', t(time), (c) => c.notNull())
		.addColumn('expires_at', t(time), (c) => c.notNull())
		.addColumn('last_seen_at', t(time), (c) => c.notNull())
		.execute();
	await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

	await db.schema
		.createTable('tokens')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('token_hash', 'text', (c) => c.notNull())
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('created_at', t(time), (c) => c.notNull())
		.addColumn('expires_at', t(time), (c) => c.notNull())
		.addColumn('used_at', t(time))
		.execute();
	await db.schema.createIndex('tokens_hash').unique().on('tokens').column('token_hash').execute();

	await db.schema
		.createTable('areas')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('parent_id', 'text', (c) => c.references('areas.id').onDelete('set null'))
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('name_fr', 'text')
		.addColumn('slug', 'text', (c) => c.notNull())
		.addColumn('code', 'text')
		.addColumn('description', 'text')
		.addColumn('boundary', t(json))
		.addColumn('min_lon', t(real))
		.addColumn('min_lat', t(real))
		.addColumn('max_lon', t(real))
		.addColumn('max_lat', t(real))
		.addColumn('created_at', t(time), (c) => c.notNull())
		.addColumn('updated_at', t(time), (c) => c.notNull())
		.execute();
	await db.schema.createIndex('areas_slug').unique().on('areas').column('slug').execute();
	await db.schema.createIndex('areas_parent').on('areas').column('parent_id').execute();
	await db.schema.createIndex('areas_kind_code').on('areas').columns(['kind', 'code']).execute();

	// The spatial index over area bounding boxes. SQLite: an R*Tree kept in step by triggers, keyed by the rowid.
	// PostgreSQL: a GiST index on the box expression. Queries live in core/db/spatial.ts.
	if (dialect === 'sqlite') {
		await sql`CREATE VIRTUAL TABLE area_rtree USING rtree(rid, min_lon, max_lon, min_lat, max_lat)`.execute(db);
		await sql`CREATE TRIGGER areas_rtree_insert AFTER INSERT ON areas WHEN new.min_lon IS NOT NULL BEGIN
			INSERT INTO area_rtree VALUES (new.rowid, new.min_lon, new.max_lon, new.min_lat, new.max_lat); END`.execute(db);
		await sql`CREATE TRIGGER areas_rtree_update AFTER UPDATE OF min_lon, max_lon, min_lat, max_lat ON areas BEGIN
			DELETE FROM area_rtree WHERE rid = old.rowid;
			INSERT INTO area_rtree SELECT new.rowid, new.min_lon, new.max_lon, new.min_lat, new.max_lat WHERE new.min_lon IS NOT NULL; END`.execute(db);
		await sql`CREATE TRIGGER areas_rtree_delete AFTER DELETE ON areas BEGIN
			DELETE FROM area_rtree WHERE rid = old.rowid; END`.execute(db);
	} else {
		await sql`CREATE INDEX areas_bbox_gist ON areas USING gist (box(point(min_lon, min_lat), point(max_lon, max_lat)))
			WHERE min_lon IS NOT NULL`.execute(db);
	}

	await db.schema
		.createTable('estates')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('area_id', 'text', (c) => c.notNull().references('areas.id').onDelete('cascade'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('slug', 'text', (c) => c.notNull())
		.addColumn('housing_company_id', 'text', (c) => c.references('organisations.id').onDelete('set null'))
		.addColumn('description', 'text')
		.addColumn('lon', t(real))
		.addColumn('lat', t(real))
		.addColumn('boundary', t(json))
		.addColumn('created_at', t(time), (c) => c.notNull())
		.addColumn('updated_at', t(time), (c) => c.notNull())
		.execute();
	await db.schema.createIndex('estates_slug').unique().on('estates').column('slug').execute();
	await db.schema.createIndex('estates_area').on('estates').column('area_id').execute();

	await db.schema
		.createTable('buildings')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('estate_id', 'text', (c) => c.notNull().references('estates.id').onDelete('cascade'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('street', 'text')
		.addColumn('house_number', 'text')
		.addColumn('postal_code', 'text')
		.addColumn('lon', t(real))
		.addColumn('lat', t(real))
		.addColumn('created_at', t(time), (c) => c.notNull())
		.execute();
	await db.schema.createIndex('buildings_estate').on('buildings').column('estate_id').execute();

	await db.schema
		.createTable('dwellings')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id').onDelete('cascade'))
		.addColumn('external_ref', 'text')
		.addColumn('unit', 'text')
		.addColumn('street', 'text', (c) => c.notNull())
		.addColumn('house_number', 'text', (c) => c.notNull())
		.addColumn('box', 'text')
		.addColumn('postal_code', 'text', (c) => c.notNull())
		.addColumn('bedrooms', 'integer')
		.addColumn('created_at', t(time), (c) => c.notNull())
		.addColumn('updated_at', t(time), (c) => c.notNull())
		.execute();
	await db.schema.createIndex('dwellings_building').on('dwellings').column('building_id').execute();
	await db.schema.createIndex('dwellings_external_ref').on('dwellings').column('external_ref').execute();

	await db.schema
		.createTable('households')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('dwelling_id', 'text', (c) => c.references('dwellings.id').onDelete('set null'))
		.addColumn('external_ref', 'text')
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('move_in_date', 'text')
		.addColumn('move_out_date', 'text')
		.addColumn('created_at', t(time), (c) => c.notNull())
		.addColumn('updated_at', t(time), (c) => c.notNull())
		.execute();
	await db.schema.createIndex('households_dwelling').on('households').column('dwelling_id').execute();
	await db.schema.createIndex('households_external_ref').on('households').column('external_ref').execute();

	await db.schema
		.createTable('residents')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('household_id', 'text', (c) => c.references('households.id').onDelete('set null'))
		.addColumn('external_ref', 'text')
		.addColumn('first_name', 'text', (c) => c.notNull())
		.addColumn('last_name', 'text', (c) => c.notNull())
		.addColumn('birth_year', 'integer')
		.addColumn('language', 'text', (c) => c.notNull())
		.addColumn('contact_channel', 'text', (c) => c.notNull())
		.addColumn('email', 'text')
		.addColumn('phone', 'text')
		.addColumn('is_volunteer', t(bool), (c) => c.notNull())
		.addColumn('created_at', t(time), (c) => c.notNull())
		.addColumn('updated_at', t(time), (c) => c.notNull())
		.execute();
	await db.schema.createIndex('residents_household').on('residents').column('household_id').execute();
	await db.schema.createIndex('residents_external_ref').on('residents').column('external_ref').execute();

	await db.schema
		.createTable('consents')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id').onDelete('cascade'))
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
		.addColumn('scope', 'text', (c) => c.notNull())
		.addColumn('purpose', 'text', (c) => c.notNull())
		.addColumn('given_at', t(time), (c) => c.notNull())
		.addColumn('recorded_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('withdrawn_at', t(time))
		.addColumn('withdrawn_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.execute();
	await db.schema.createIndex('consents_resident').on('consents').column('resident_id').execute();
	await db.schema.createIndex('consents_org').on('consents').columns(['organisation_id', 'resident_id']).execute();

	await db.schema
		.createTable('audit_log')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('at', t(time), (c) => c.notNull())
		.addColumn('actor_id', 'text')
		.addColumn('actor_label', 'text', (c) => c.notNull())
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('resource_type', 'text', (c) => c.notNull())
		.addColumn('resource_id', 'text')
		.addColumn('summary', 'text')
		.addColumn('request_id', 'text')
		.execute();
	await db.schema.createIndex('audit_log_resource').on('audit_log').columns(['resource_type', 'resource_id']).execute();
	await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_id', 'at']).execute();
	await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();

	await db.schema
		.createTable('outbox')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('payload', t(json), (c) => c.notNull())
		.addColumn('created_at', t(time), (c) => c.notNull())
		.addColumn('available_at', t(time), (c) => c.notNull())
		.addColumn('attempts', 'integer', (c) => c.notNull())
		.addColumn('locked_until', t(time))
		.addColumn('done_at', t(time))
		.addColumn('last_error', 'text')
		.execute();
	await db.schema.createIndex('outbox_pending').on('outbox').columns(['done_at', 'available_at']).execute();

	await db.schema
		.createTable('import_jobs')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('dry_run', t(bool), (c) => c.notNull())
		.addColumn('file_name', 'text')
		.addColumn('total', 'integer', (c) => c.notNull())
		.addColumn('processed', 'integer', (c) => c.notNull())
		.addColumn('report', t(json))
		.addColumn('created_by', 'text')
		.addColumn('created_at', t(time), (c) => c.notNull())
		.addColumn('finished_at', t(time))
		.execute();
}
