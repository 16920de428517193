// The category classifier learns from signals a person has categorised. The trained model is stored in the database
// (so every server process suggests the same), retrained when enough new examples came in, and cached per process
// by its id so intake does not parse it on every signal.
import type { Db } from '../../db';
import { newId, nowIso } from '../../db';
import { needsRetraining, train, type CategoryModel } from '../../classifier';

let cached: { id: string; model: CategoryModel; checkedAt: number } | null = null;
const RECHECK_MS = 60_000;

export async function currentModel(db: Db): Promise<CategoryModel | null> {
	if (cached && Date.now() - cached.checkedAt < RECHECK_MS) return cached.model;
	const latest = await db.selectFrom('classifier_models').select(['id']).orderBy('trained_at', 'desc').limit(1).executeTakeFirst();
	if (!latest) {
		cached = null;
		return null;
	}
	if (cached?.id === latest.id) {
		cached.checkedAt = Date.now();
		return cached.model;
	}
	const row = await db.selectFrom('classifier_models').select(['id', 'model']).where('id', '=', latest.id).executeTakeFirstOrThrow();
	cached = { id: row.id, model: row.model as CategoryModel, checkedAt: Date.now() };
	return cached.model;
}

/**
 * The model with this id (the newest one's, read by the caller in a query it runs anyway), from the per-process cache
 * when it is the one cached; null when there is none.
 */
export async function modelById(db: Db, id: string | null): Promise<CategoryModel | null> {
	if (!id) return null;
	if (cached?.id === id) return cached.model;
	const row = await db.selectFrom('classifier_models').select(['id', 'model']).where('id', '=', id).executeTakeFirst();
	if (!row) return null;
	cached = { id: row.id, model: row.model as CategoryModel, checkedAt: Date.now() };
	return cached.model;
}

/** Forget the per-process cache (tests, and after retraining in this process). */
export function forgetModel(): void {
	cached = null;
}

/** Examples: signals whose category a person set or confirmed (not the kind's general "other" category). */
async function examples(db: Db, limit = 20_000): Promise<Array<{ text: string; category: string }>> {
	const rows = await db
		.selectFrom('signals as s')
		.innerJoin('signal_categories as c', 'c.id', 's.category_id')
		.select(['s.description', 'c.key'])
		.where((eb) => eb.exists(eb.selectFrom('signal_events as e').select('e.id').whereRef('e.signal_id', '=', 's.id').where('e.kind', '=', 'category')))
		.orderBy('s.created_at', 'desc')
		.limit(limit)
		.execute();
	return rows.filter((r) => !r.key.endsWith('_other')).map((r) => ({ text: r.description, category: r.key }));
}

/** Retrains when the stored model is missing or clearly behind the data; returns the new model or null. */
export async function retrainIfDue(db: Db, options: { force?: boolean } = {}): Promise<CategoryModel | null> {
	const data = await examples(db);
	const current = await currentModel(db);
	if (!options.force && !needsRetraining(current, data.length)) return null;
	if (data.length === 0) return null;
	const model = train(data);
	await db.insertInto('classifier_models').values({ id: newId(), trained_at: nowIso(), example_count: data.length, model }).execute();
	await db
		.deleteFrom('classifier_models')
		.where('trained_at', '<', new Date(Date.now() - 30 * 86_400_000).toISOString())
		.execute();
	forgetModel();
	return model;
}

/** Stores a model trained elsewhere (demo data: trained from the demo texts). */
export async function storeModel(db: Db, model: CategoryModel, exampleCount: number): Promise<void> {
	await db.insertInto('classifier_models').values({ id: newId(), trained_at: nowIso(), example_count: exampleCount, model }).execute();
	forgetModel();
}
