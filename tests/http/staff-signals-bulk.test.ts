// The inbox's bulk actions work as plain form posts (no JavaScript): Pieter of De Vlashaard ticks two signals and
// accepts them at once; a signal of another housing company in the selection changes nothing and is named. Filters
// typed into the address bar never break the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, system } from '../../src/core/access';
import { testDialects } from '../../src/core/db/testing';
import { createCategory, ensureGeneralCategories, setRoutingRule } from '../../src/core/signals/routing/categories';
import { reportSignal } from '../../src/core/signals/intake/intake';
import { startServer, type TestServer } from '../support/server';
import { DEMO, login, type HttpSession } from '../support/session';

for (const dialect of testDialects()) {
	describe(`bulk actions from the inbox without JavaScript [${dialect}]`, () => {
		let server: TestServer;
		let pieter: HttpSession;
		/** Two new signals of De Vlashaard, made for the story that asks, so none finds them changed by another. */
		let oursToo: () => Promise<Array<{ id: string; reference: string }>>;
		let theirs: { id: string; reference: string };

		beforeAll(async () => {
			server = await startServer({ dialect });
			const db = server.db;
			const setup = system('test');
			await ensureGeneralCategories(db);
			const vlashaard = await db.selectFrom('organisations').select('id').where('name', '=', 'De Vlashaard').executeTakeFirstOrThrow();
			const voorkempen = await db.selectFrom('organisations').select('id').where('name', '=', 'De Voorkempen').executeTakeFirstOrThrow();
			const mailbox = await createCategory(db, setup, { key: 'bulk_mailbox', kind: 'common_spaces', name: 'Brievenbus (test)', isActive: true });
			await setRoutingRule(db, setup, { categoryId: mailbox.id, organisationId: vlashaard.id, deadlineDays: 5 });
			const elsewhere = await createCategory(db, setup, { key: 'bulk_mailbox_other', kind: 'common_spaces', name: 'Brievenbus elders (test)', isActive: true });
			await setRoutingRule(db, setup, { categoryId: elsewhere.id, organisationId: voorkempen.id, deadlineDays: 5 });
			const report = (categoryId: string, text: string) =>
				reportSignal(db, anonymous, { kind: 'common_spaces', categoryId, description: text }, { baseUrl: server.url });
			oursToo = async () => [await report(mailbox.id, 'Brievenbus 12 kapot'), await report(mailbox.id, 'Brievenbus 14 gaat niet meer dicht')];
			theirs = await report(elsewhere.id, 'Brievenbus in Kapelakker kapot');
			pieter = await login(server, DEMO.housingCompany);
		});
		afterAll(async () => {
			await server?.stop();
		});

		const statuses = async (ids: string[]) =>
			(await server.db.selectFrom('signals').select(['id', 'status']).where('id', 'in', ids).orderBy('id').execute()).map((r) => r.status);

		it('a selection with a signal of another organisation changes nothing and says which one', async () => {
			const ours = await oursToo();
			const form = new URLSearchParams([
				['back', 'category=x'],
				...ours.map((s) => ['ids', s.id]),
				['ids', theirs.id],
				['status', 'accepted'],
				['reason', ''],
				['action', 'status']
			]);
			const res = await pieter.post('/staff/signals?/bulk', form);
			expect(res.status).toBe(403);
			const html = await res.text();
			expect(html).toContain('Er is niets veranderd');
			// The other company's signal is named by its id's start, not by its code: Pieter may not read it.
			expect(html).not.toContain(theirs.reference);
			expect(await statuses(ours.map((s) => s.id))).toEqual(['new', 'new']);
		});

		it('accepts the two ticked signals at once and returns to the same filtered inbox', async () => {
			const ours = await oursToo();
			const form = new URLSearchParams([
				['back', 'overdue=1&q=brievenbus'],
				...ours.map((s) => ['ids', s.id]),
				['status', 'accepted'],
				['reason', ''],
				['action', 'status']
			]);
			const res = await pieter.post('/staff/signals?/bulk', form);
			expect(res.status).toBe(303);
			expect(res.headers.get('location')).toBe('/staff/signals?overdue=1&q=brievenbus&changed=2');
			expect(await statuses(ours.map((s) => s.id))).toEqual(['accepted', 'accepted']);
		});

		it('nothing ticked, or rejecting without a reason, is a clear message, not an error page', async () => {
			const ours = await oursToo();
			const none = await pieter.post(
				'/staff/signals?/bulk',
				new URLSearchParams([
					['status', 'accepted'],
					['action', 'status']
				])
			);
			expect(none.status).toBe(400);
			expect(await none.text()).toContain('Kies eerst een of meer meldingen');
			const noReason = await pieter.post(
				'/staff/signals?/bulk',
				new URLSearchParams([
					['ids', ours[0].id],
					['status', 'rejected'],
					['reason', ''],
					['action', 'status']
				])
			);
			expect(noReason.status).toBe(400);
			expect(await noReason.text()).toContain('Schrijf de reden');
		});

		it('filters typed into the address bar never give a server error', async () => {
			for (const query of [
				'status=flying',
				'page=-3',
				'page=abc',
				'category=%27%20or%201=1',
				`q=${'x'.repeat(500)}`,
				'overdue=maybe&mine=1&team=nope',
				'q=%25_%5C'
			]) {
				const res = await pieter.get(`/staff/signals?${query}`);
				expect(res.status, query).toBe(200);
				await res.arrayBuffer();
			}
			const unknown = await pieter.get('/staff/signals/0192c0de-0000-7000-8000-000000000000');
			expect(unknown.status).toBe(404);
			await unknown.arrayBuffer();
		});
	});
}
