// Warnings people read, against the real build with the demo data: Koen, the coordinator, sets the lift's second
// deadline on the settings page (and clears it: no escalation), and the overdue sweep that once mailed De Vlashaard
// about every late signal separately sends each person one digest, with links to this server's configured origin.
// Run on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../src/core/db/testing';
import { sweepOverdue } from '../../src/core/signals/sweeps';
import { startServer, type TestServer } from '../support/server';
import { DEMO, login, type HttpSession } from '../support/session';

for (const dialect of testDialects()) {
	describe(`the daily digest of overdue signals [${dialect}]`, () => {
		let server: TestServer;
		let koen: HttpSession;

		beforeAll(async () => {
			server = await startServer({ dialect });
			koen = await login(server, DEMO.coordinator);
		});
		afterAll(async () => {
			await server?.stop();
		});

		it("the coordinator sets the lift's second deadline in working days, and can switch it off", async () => {
			const lift = await server.db.selectFrom('signal_categories').selectAll().where('key', '=', 'lift').executeTakeFirstOrThrow();
			const form = {
				id: lift.id,
				key: lift.key,
				kind: lift.kind,
				name: lift.name,
				nameFr: lift.name_fr ?? '',
				nameEn: lift.name_en ?? '',
				sortOrder: String(lift.sort_order),
				isActive: 'on'
			};
			const days = async () =>
				(await server.db.selectFrom('signal_categories').select('escalation_days').where('id', '=', lift.id).executeTakeFirstOrThrow()).escalation_days;

			const page = await (await koen.get(`/staff/settings/signals?bewerk=${lift.id}`)).text();
			expect(page).toContain('Tweede termijn');
			expect(page).toContain('5 werkdagen na de termijn');

			const wrong = await koen.post('/staff/settings/signals?/category', { ...form, escalationDays: '0' });
			expect(wrong.status).toBe(400);
			expect(await wrong.text()).toContain('id="field-escalationDays-error"');
			expect(await days()).toBe(5);

			expect((await koen.post('/staff/settings/signals?/category', { ...form, escalationDays: '1' })).status).toBe(303);
			expect(await days()).toBe(1);
			expect(await (await koen.get('/staff/settings/signals')).text()).toContain('1 werkdag na de termijn');

			expect((await koen.post('/staff/settings/signals?/category', { ...form, escalationDays: '' })).status).toBe(303);
			expect(await days()).toBeNull();
			const after = await (await koen.get(`/staff/settings/signals?bewerk=${lift.id}`)).text();
			expect(after).toMatch(/name="escalationDays"[^>]*value=""/);
		});

		it("the demo's overdue signals make at most one digest per person, De Vlashaard's included, and none a second time", async () => {
			const overdue = await server.db
				.selectFrom('signals')
				.select('id')
				.where('status', 'in', ['new', 'accepted', 'in_progress', 'waiting'])
				.where('merged_into_id', 'is', null)
				.where('deadline_at', '<', new Date().toISOString())
				.execute();
			expect(overdue.length).toBeGreaterThan(1);
			const before = new Set((await server.db.selectFrom('outbox').select('id').execute()).map((r) => r.id));
			const sent = await sweepOverdue(server.db, { baseUrl: server.url, digestTime: '00:00' });
			expect(sent).toBeGreaterThan(0);
			const mails = (await server.db.selectFrom('outbox').select(['id', 'payload']).execute())
				.filter((r) => !before.has(r.id))
				.map((r) => r.payload as { to: string; subject: string; text: string });
			const digests = mails.filter((m) => m.subject.endsWith('over tijd') || m.subject.endsWith('en retard') || m.subject.endsWith('overdue'));
			const perPerson = new Map<string, number>();
			for (const m of digests) perPerson.set(m.to, (perPerson.get(m.to) ?? 0) + 1);
			expect([...perPerson.values()].every((n) => n === 1)).toBe(true);
			const vlashaard = digests.find((m) => m.to === DEMO.housingCompany);
			expect(vlashaard?.subject).toMatch(/^\d+ meldingen over tijd$/);
			// Every link goes to this server's configured origin.
			for (const link of vlashaard!.text.match(/https?:\/\/\S+/g) ?? []) expect(link.startsWith(`${server.url}/staff/signals/`)).toBe(true);
			expect(await sweepOverdue(server.db, { baseUrl: server.url, digestTime: '00:00' })).toBe(0);
		});
	});
}
