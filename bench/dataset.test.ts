// The generator builds what the bench claims to measure: the asked numbers of areas, households and residents, all
// linked up (every resident in a household, every household in a dwelling of an estate in a neighbourhood), the same
// rows for the same seed, and never on top of existing data.
import { expect, it } from 'vitest';
import { describeOnDatabases, freshDatabase } from '../src/core/db/testing';
import { generateDataset } from './dataset';

const sizes = { areas: 120, households: 600, residents: 1500 };

// Each test gets its own database (each: true): one to fill, one already filled, one to compare with another.
describeOnDatabases(
	'the bench data generator',
	(ctx) => {
		const generate = () => generateDataset(ctx.db, sizes, { seed: 11 });

		it('fills a fresh database with the asked numbers, everyone linked to a home in a neighbourhood', async () => {
			const summary = await generate();
			expect(summary.counts).toMatchObject({ neighbourhoods: 120, households: 600, residents: 1500 });
			const count = async (table: 'areas' | 'households' | 'residents' | 'dwellings' | 'organisations') =>
				Number(
					(
						await ctx.db
							.selectFrom(table)
							.select((eb) => eb.fn.countAll().as('n'))
							.executeTakeFirstOrThrow()
					).n
				);
			expect(await count('areas')).toBe(summary.counts.areas);
			expect(await count('residents')).toBe(1500);
			expect(await count('organisations')).toBe(summary.counts.municipalities);

			const homeless = await ctx.db.selectFrom('residents').select('id').where('household_id', 'is', null).execute();
			expect(homeless).toHaveLength(0);
			const linked = await ctx.db
				.selectFrom('households')
				.innerJoin('dwellings', 'dwellings.id', 'households.dwelling_id')
				.innerJoin('buildings', 'buildings.id', 'dwellings.building_id')
				.innerJoin('estates', 'estates.id', 'buildings.estate_id')
				.innerJoin('areas', 'areas.id', 'estates.area_id')
				.select(['areas.kind', 'estates.housing_company_id'])
				.execute();
			expect(linked).toHaveLength(600);
			expect(linked.every((h) => (h.kind === 'neighbourhood' || h.kind === 'focus_area') && h.housing_company_id)).toBe(true);
			expect(summary.sampleSlugs.length).toBeGreaterThan(0);
			// Every home can be found by its typed address (core/areas/address-match.ts), as after an import.
			for (const table of ['dwellings', 'buildings'] as const)
				expect(
					await ctx.db
						.selectFrom(table)
						.select('id')
						.where((eb) => eb.or([eb('street_key', 'is', null), eb('number_key', 'is', null)]))
						.execute()
				).toHaveLength(0);
		});

		it('refuses to generate into a database that already holds areas', async () => {
			await generate();
			await expect(generateDataset(ctx.db, sizes, { seed: 11 })).rejects.toThrow(/fresh database/);
		});

		it('writes the same rows for the same seed', async () => {
			await generate();
			const other = await freshDatabase(ctx.dialect);
			try {
				await generateDataset(other.db, sizes, { seed: 11 });
				const rows = (db: typeof ctx.db) => db.selectFrom('residents').selectAll().orderBy('id').execute();
				expect(await rows(other.db)).toEqual(await rows(ctx.db));
			} finally {
				await other.dispose();
			}
		});
	},
	{ each: true }
);
