// Each organisation works somewhere: its working areas (a regional institute's focus areas, an OCMW's or a
// municipality's territory) bound what its staff may read and change; a housing company reaches its own estates
// through estates.housing_company_id. People without a dwelling are reached by the organisation that registered them.
// The audit log keeps the organisation of whoever acted, so a coordinator reviews her own organisation's reads; a
// consent keeps the organisation that recorded it and why it was withdrawn. Frozen in time.
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	const time = sql.raw(dialect === 'postgres' ? 'timestamptz' : 'text') as any;

	await db.schema
		.createTable('organisation_areas')
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
		.addColumn('area_id', 'text', (c) => c.notNull().references('areas.id').onDelete('cascade'))
		.addColumn('created_at', time, (c) => c.notNull())
		.addPrimaryKeyConstraint('organisation_areas_pk', ['organisation_id', 'area_id'])
		.execute();
	await db.schema.createIndex('organisation_areas_area').on('organisation_areas').columns(['area_id', 'organisation_id']).execute();
	// An OCMW or a municipality named with its municipality works there.
	await sql`insert into organisation_areas (organisation_id, area_id, created_at)
		select o.id, o.municipality_id, o.created_at from organisations o join areas a on a.id = o.municipality_id
		where o.kind in ('welfare_centre', 'municipality')`.execute(db);

	for (const table of ['households', 'residents']) {
		await db.schema
			.alterTable(table)
			.addColumn('registered_by_organisation_id', 'text', (c) => c.references('organisations.id').onDelete('set null'))
			.execute();
	}

	await db.schema.alterTable('audit_log').addColumn('organisation_id', 'text').execute();
	await sql`update audit_log set organisation_id = (select u.organisation_id from users u where u.id = audit_log.actor_id) where actor_id is not null`.execute(
		db
	);
	await db.schema.createIndex('audit_log_organisation').on('audit_log').columns(['organisation_id', 'id']).execute();

	await db.schema
		.alterTable('consents')
		.addColumn('recorded_by_organisation_id', 'text', (c) => c.references('organisations.id').onDelete('set null'))
		.execute();
	await db.schema.alterTable('consents').addColumn('withdrawal_note', 'text').execute();
	await sql`update consents set recorded_by_organisation_id = (select u.organisation_id from users u where u.id = consents.recorded_by) where recorded_by is not null`.execute(
		db
	);
}
