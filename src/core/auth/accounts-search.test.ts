// An admin searches the staff list for a name with a % or _ in it: what is typed is matched as it is, never as a
// wildcard, on both databases.
import { expect, it } from 'vitest';
import { describeOnDatabases } from '../db/testing';
import { buildOrganisation, buildStaff } from '../partners/factories';
import { listUsers } from './accounts';

describeOnDatabases('searching the staff list for % and _', (ctx) => {
	it('finds only the accounts whose name or address holds the very character typed', async () => {
		const { actor: admin } = await buildStaff(ctx.db, { role: 'admin' });
		const org = await buildOrganisation(ctx.db, { name: 'Stad Wevelgem' });
		const { user: percent } = await buildStaff(ctx.db, { organisation: org, role: 'community_worker', name: 'Team 100% Gullegem' });
		const { user: underscore } = await buildStaff(ctx.db, { organisation: org, role: 'community_worker', name: 'Sofie_Moorsele' });
		const { user: plain } = await buildStaff(ctx.db, { organisation: org, role: 'community_worker', name: 'Sofie Moorsele' });
		const search = async (text: string) => (await listUsers(ctx.db, admin, { organisationId: org.id, search: text })).map((u) => u.id);

		expect(await search('%')).toEqual([percent.id]);
		expect(await search('100%')).toEqual([percent.id]);
		expect(await search('_')).toEqual([underscore.id]);
		expect(await search('sofie_')).toEqual([underscore.id]);
		expect((await search('sofie')).sort()).toEqual([plain.id, underscore.id].sort());
		expect(await search('\\')).toEqual([]);
	});
});
