// A community worker searching for a resident whose name holds a % or an _ (as typed from an old spreadsheet) finds
// that resident only: what is typed is matched as it is, never as a LIKE wildcard. On both databases.
import { expect, it } from 'vitest';
import { system } from '../access/actor';
import { describeOnDatabases } from '../db/testing';
import { buildDwelling, buildPeopleWorld } from './factories';
import { createHousehold } from './households';
import { createResident } from './residents';
import { listResidents } from './resident-search';

describeOnDatabases('people: searching residents by name', (ctx) => {
	it('a literal % or _ in the search finds only the names that hold that character', async () => {
		const setup = system('test');
		const w = await buildPeopleWorld(ctx.db);
		const dwelling = await buildDwelling(ctx.db, w.estate.id, { houseNumber: '5' });
		const household = await createHousehold(ctx.db, setup, { name: 'Huis 5', dwellingId: dwelling.id });
		for (const [firstName, lastName] of [
			['Ann%a', 'Janssens'],
			['Annexa', 'Janssens'],
			['Bo_b', 'Wouters'],
			['Boob', 'Wouters']
		])
			await createResident(ctx.db, setup, { householdId: household.id, firstName, lastName });
		const found = async (q: string) => (await listResidents(ctx.db, w.worker, { q })).items.map((r) => r.firstName).sort();

		expect(await found('%')).toEqual(['Ann%a']);
		expect(await found('n%a')).toEqual(['Ann%a']);
		expect(await found('_')).toEqual(['Bo_b']);
		expect(await found('o_b')).toEqual(['Bo_b']);
		expect(await found('anne')).toEqual(['Annexa']);
		expect(await found('wouters bo')).toEqual(['Bo_b', 'Boob']);
	});
});
