// A worker searches the inbox for a text with a % or _ in it ("50%", "blok_A"): the signals holding that very text
// are found, not every signal the character would match as a wildcard, on both databases.
import { beforeAll, expect, it } from 'vitest';
import { anonymous } from '../../access';
import { describeOnDatabases } from '../../db/testing';
import { buildPeopleWorld } from '../../people/factories';
import { createCategory, setRoutingRule } from '../routing/categories';
import { inbox, reportSignal } from '..';

const baseUrl = 'https://leefbaar.test';

describeOnDatabases('searching the inbox for % and _', (ctx) => {
	let world: Awaited<ReturnType<typeof buildPeopleWorld>>;
	const ids: Record<string, string> = {};

	beforeAll(async () => {
		world = await buildPeopleWorld(ctx.db);
		const noise = await createCategory(ctx.db, world.coordinator, { key: 'noise', kind: 'nuisance', name: 'Lawaai', isActive: true });
		await setRoutingRule(ctx.db, world.coordinator, { categoryId: noise.id, organisationId: world.institute.id, deadlineDays: 10 });
		const report = async (description: string) =>
			(await reportSignal(ctx.db, anonymous, { kind: 'nuisance', categoryId: noise.id, description, estateId: world.estate.id }, { baseUrl })).id;
		ids.percent = await report('De muziek staat 100% te luid in blok A');
		ids.underscore = await report('Lawaai bij deur blok_A na middernacht');
		ids.plain = await report('Lawaai bij deur blok A na middernacht');
	});

	it('finds only the signals whose description holds the very character typed', async () => {
		const search = async (q: string) => (await inbox(ctx.db, world.worker, { status: 'all', q })).items.map((i) => i.id).sort();
		expect(await search('%')).toEqual([ids.percent]);
		expect(await search('100%')).toEqual([ids.percent]);
		expect(await search('_')).toEqual([ids.underscore]);
		expect(await search('BLOK_A')).toEqual([ids.underscore]);
		expect(await search('blok a na')).toEqual([ids.plain]);
		expect(await search('lawaai bij deur')).toEqual([ids.underscore, ids.plain].sort());
	});
});
