// Signals a test reports for itself on its server's database, as a resident does through the report form, so that
// what it checks does not depend on which signals the demo happens to hold. The demo's places and categories stay the
// background they are reported in.
import { anonymous } from '../../src/core/access';
import type { Db } from '../../src/core/db/database';
import type { AreaKind, SignalKind } from '../../src/core/db/schema';
import { reportSignal, type IntakeResult } from '../../src/core/signals';
import type { TestServer } from './server';

/** A category of the server by its key (the demo's categories: `lift`, `leak_damp`, `noise`, …). */
export async function categoryId(db: Db, key: string): Promise<{ id: string; kind: SignalKind }> {
	return db.selectFrom('signal_categories').select(['id', 'kind']).where('key', '=', key).executeTakeFirstOrThrow();
}

/** An anonymous report at an estate (by name) or an area (by name and kind), routed as any report is. */
export async function reportAt(
	server: Pick<TestServer, 'db' | 'url'>,
	place: { estate: string } | { area: string; kind?: AreaKind },
	report: { category: string; description: string; email?: string }
): Promise<IntakeResult> {
	const { db } = server;
	const category = await categoryId(db, report.category);
	const where =
		'estate' in place
			? { estateId: (await db.selectFrom('estates').select('id').where('name', '=', place.estate).executeTakeFirstOrThrow()).id }
			: {
					areaId: (
						await db
							.selectFrom('areas')
							.select('id')
							.where('name', '=', place.area)
							.$if(!!place.kind, (q) => q.where('kind', '=', place.kind!))
							.executeTakeFirstOrThrow()
					).id
				};
	return reportSignal(
		db,
		anonymous,
		{ kind: category.kind, categoryId: category.id, description: report.description, email: report.email, ...where },
		{ baseUrl: server.url }
	);
}
