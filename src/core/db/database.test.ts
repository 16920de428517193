import { describe, expect, it } from 'vitest';
import { newId, nowIso } from './ids';
import { areasWhoseBoxHolds } from './spatial';
import { describeOnDatabases } from './testing';
import { inTransaction } from './database';

describe('newId', () => {
	it('gives UUIDv7 strings that sort in creation order', () => {
		const ids = Array.from({ length: 2000 }, () => newId());
		expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect([...ids].sort()).toEqual(ids);
		expect(new Set(ids).size).toBe(ids.length);
	});
});

describeOnDatabases('the data edge', (ctx) => {
	it('stores booleans, times and JSON and reads them back as they were written', async () => {
		const at = nowIso();
		const id = newId();
		await ctx.db
			.insertInto('import_jobs')
			.values({
				id,
				kind: 'areas',
				status: 'done',
				dry_run: true,
				file_name: null,
				total: 2,
				processed: 2,
				report: { rejected: [{ line: 3 }] },
				created_by: null,
				created_at: at,
				finished_at: null
			})
			.execute();
		const row = await ctx.db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
		expect(row.dry_run).toBe(true);
		expect(row.report).toEqual({ rejected: [{ line: 3 }] });
		expect(row.created_at).toBe(at);
		const filtered = await ctx.db.selectFrom('import_jobs').select('id').where('dry_run', '=', true).where('created_at', '<=', at).execute();
		expect(filtered.map((r) => r.id)).toContain(id);
	});

	it('rolls a failed transaction back whole', async () => {
		const id = newId();
		await expect(
			inTransaction(ctx.db, async (tx) => {
				await tx
					.insertInto('organisations')
					.values({
						id,
						name: 'Rollback test',
						kind: 'association',
						municipality_id: null,
						email: null,
						phone: null,
						created_at: nowIso(),
						updated_at: nowIso()
					})
					.execute();
				throw new Error('boom');
			})
		).rejects.toThrow('boom');
		expect(await ctx.db.selectFrom('organisations').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
	});

	it('finds areas whose bounding box holds a point through the spatial index', async () => {
		const at = nowIso();
		const box = (id: string, slug: string, minLon: number, minLat: number, maxLon: number, maxLat: number) => ({
			id,
			parent_id: null,
			kind: 'neighbourhood' as const,
			name: slug,
			name_fr: null,
			slug,
			code: null,
			description: null,
			boundary: null,
			min_lon: minLon,
			min_lat: minLat,
			max_lon: maxLon,
			max_lat: maxLat,
			created_at: at,
			updated_at: at
		});
		const a = newId();
		const b = newId();
		await ctx.db
			.insertInto('areas')
			.values([box(a, 'box-a', 3.0, 50.0, 3.2, 50.2), box(b, 'box-b', 3.1, 50.1, 3.4, 50.4)])
			.execute();
		expect((await areasWhoseBoxHolds(ctx.db, 3.05, 50.05)).map((x) => x.id)).toEqual([a]);
		expect((await areasWhoseBoxHolds(ctx.db, 3.15, 50.15)).map((x) => x.id).sort()).toEqual([a, b].sort());
		await ctx.db.updateTable('areas').set({ min_lon: 5, max_lon: 6 }).where('id', '=', a).execute();
		expect((await areasWhoseBoxHolds(ctx.db, 3.05, 50.05)).map((x) => x.id)).toEqual([]);
		await ctx.db.deleteFrom('areas').where('id', '=', b).execute();
		expect(await areasWhoseBoxHolds(ctx.db, 3.3, 50.3)).toEqual([]);
	});
});
