// The routing rules of another organisation's place stay as they are, whoever posts the edit form: Koen, coordinator in
// West Flanders, sees Brecht's rules without edit or delete buttons, and a hand-made post to change or delete one, or
// to move a Wevelgem rule into Brecht, is refused and changes nothing; Sara, a community worker, changes no rule at all.
// A change with a wrong value comes back to the form with the message next to its field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../src/core/db/testing';
import { startServer, type TestServer } from '../support/server';
import { DEMO, login, type HttpSession } from '../support/session';

for (const dialect of testDialects()) {
	describe(`routing rules are changed only by who may [${dialect}]`, () => {
		let server: TestServer;
		let koen: HttpSession;
		type Rule = {
			id: string;
			category_id: string;
			area_id: string | null;
			organisation_id: string;
			team_id: string | null;
			deadline_days: number;
			priority: string;
		};
		let brecht: Rule;
		let wevelgem: Rule;
		let brechtArea: string;

		const liftRuleIn = (area: string) =>
			server.db
				.selectFrom('routing_rules as r')
				.innerJoin('signal_categories as c', 'c.id', 'r.category_id')
				.innerJoin('areas as a', 'a.id', 'r.area_id')
				.select(['r.id', 'r.category_id', 'r.area_id', 'r.organisation_id', 'r.team_id', 'r.deadline_days', 'r.priority'])
				.where('c.key', '=', 'lift')
				.where('a.name', '=', area)
				.executeTakeFirstOrThrow();
		const rules = () => server.db.selectFrom('routing_rules').selectAll().orderBy('id').execute();
		const form = (r: Rule, changes: Record<string, string> = {}) => ({
			ruleId: r.id,
			categoryId: r.category_id,
			areaId: r.area_id ?? '',
			organisationId: r.organisation_id,
			teamId: r.team_id ?? '',
			deadlineDays: '1',
			priority: 'urgent',
			...changes
		});

		beforeAll(async () => {
			server = await startServer({ dialect });
			koen = await login(server, DEMO.coordinator);
			brecht = await liftRuleIn('Brecht');
			wevelgem = await liftRuleIn('Wevelgem');
			brechtArea = brecht.area_id!;
		}, 180_000);
		afterAll(async () => {
			await server?.stop();
		});

		it('Koen’s list offers to change his own places’ rules, not Brecht’s', async () => {
			const page = await (await koen.get('/staff/settings/signals')).text();
			expect(page).toContain(`?regel=${wevelgem.id}#rule-form`);
			expect(page).not.toContain(`?regel=${brecht.id}`);
			expect(page).not.toContain(`value="${brecht.id}"`);
			expect((await koen.get(`/staff/settings/signals?regel=${brecht.id}`)).status).toBe(403);
		});

		it('a hand-made post to change or delete Brecht’s rule, or to move a Wevelgem rule there, is refused and changes nothing', async () => {
			const before = await rules();
			for (const [what, path, fields] of [
				['change Brecht’s lift rule', '/staff/settings/signals?/rule', form(brecht)],
				['delete Brecht’s lift rule', '/staff/settings/signals?/deleteRule', { ruleId: brecht.id }],
				['move Wevelgem’s lift rule to Brecht', '/staff/settings/signals?/rule', form(wevelgem, { areaId: brechtArea })]
			] as const) {
				const res = await koen.post(path, fields);
				await res.arrayBuffer();
				expect(res.status, what).toBe(403);
			}
			const sara = await login(server, DEMO.communityWorker);
			const res = await sara.post('/staff/settings/signals?/rule', form(wevelgem));
			await res.arrayBuffer();
			expect(res.status).toBe(403);
			expect(await rules()).toEqual(before);
		});

		it('a wrong value comes back to the form with its message; a good one changes the rule in place', async () => {
			const wrong = await koen.post('/staff/settings/signals?/rule', form(wevelgem, { deadlineDays: 'veel' }));
			expect(wrong.status).toBe(400);
			const page = await wrong.text();
			expect(page).toMatch(/id="field-deadlineDays-error"/);
			expect(page).toContain(`name="ruleId" value="${wevelgem.id}"`);
			const good = await koen.post('/staff/settings/signals?/rule', form(wevelgem, { deadlineDays: '4' }));
			expect(good.status).toBe(303);
			expect(good.headers.get('location')).toBe('/staff/settings/signals?klaar=rule_updated#rules');
			expect(await liftRuleIn('Wevelgem')).toMatchObject({ id: wevelgem.id, deadline_days: 4, priority: 'urgent' });
		});
	});
}
