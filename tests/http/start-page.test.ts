// The start page as plain HTML (no JavaScript), for every demo login. Each number on it opens a list with exactly that
// many signals. A new signal in Wevelgem counts for the Wevelgem institute and not for Jonas of the Antwerp
// institute, who works in Brecht; the admin gets her own tasks instead of empty counts. Nobody can put a signal on the
// admin's name: she is no choice on the signal page and a forged post is refused in plain words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../src/core/access';
import { testDialects } from '../../src/core/db/testing';
import { reportSignal } from '../../src/core/signals/intake/intake';
import { startServer, type TestServer } from '../support/server';
import { DEMO, login, type HttpSession } from '../support/session';
import { reportAt } from '../support/signals';

type Line = { href: string; count: number; label: string };

const decode = (s: string) => s.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'");

/** The lines of "what waits for you": a link, its number and its words. */
function dayLines(html: string): Line[] {
	const lines: Line[] = [];
	for (const m of html.matchAll(/<a href="([^"]+)"[^>]*><span class="n[^"]*">(\d+)<\/span>\s*<span class="what[^"]*">([^<]+)<\/span><\/a>/g)) {
		lines.push({ href: decode(m[1]), count: Number(m[2]), label: decode(m[3]) });
	}
	return lines;
}

/** How many signals a list holds, as its page says ("12 meldingen gevonden"). */
async function listTotal(session: HttpSession, href: string): Promise<number> {
	const res = await session.get(href);
	expect(res.status, href).toBe(200);
	const m = (await res.text()).match(/(\d+) meldingen gevonden/);
	expect(m, href).not.toBeNull();
	return Number(m![1]);
}

for (const dialect of testDialects()) {
	describe(`the start page per role, without JavaScript [${dialect}]`, () => {
		let server: TestServer;

		beforeAll(async () => {
			server = await startServer({ dialect });
			// A new signal for each organisation whose start page is read below, so every "new" list holds at least one
			// this test made, whatever the demo holds: a leak for De Vlashaard, noise in Wevelgem for its institute and
			// in Brecht for the Antwerp one, a question about paperwork (with a way to reach the resident) for the OCMW.
			await reportAt(server, { estate: 'Wallaysplein' }, { category: 'leak_damp', description: 'Het lekt in de keuken van Wallaysplein 3' });
			await reportAt(server, { area: 'Wevelgem', kind: 'municipality' }, { category: 'noise', description: 'Blaffende hond op het plein' });
			await reportAt(server, { area: 'Brecht', kind: 'municipality' }, { category: 'noise', description: 'Brommers op het voetpad' });
			await reportAt(
				server,
				{ area: 'Wevelgem', kind: 'municipality' },
				{ category: 'paperwork', description: 'Ik begrijp de brief van de belastingen niet', email: 'bewoner@proef.test' }
			);
		}, 180_000);
		afterAll(async () => {
			await server?.stop();
		});

		const linesOf = async (email: string) => {
			const session = await login(server, email);
			const res = await session.get('/staff');
			expect(res.status).toBe(200);
			const html = await res.text();
			expect(html).toContain('<h1>Jouw dag</h1>');
			return { session, html, lines: dayLines(html) };
		};

		for (const [who, email] of [
			['community worker', DEMO.communityWorker],
			['coordinator', DEMO.coordinator],
			['housing company', DEMO.housingCompany],
			['welfare centre', DEMO.welfareCentre],
			['worker of another institute', DEMO.otherInstitute]
		] as const) {
			it(`${who}: every number is the length of the list it opens`, async () => {
				const { session, lines } = await linesOf(email);
				expect(lines.map((l) => l.label)).toEqual(
					expect.arrayContaining([
						'Op mijn naam',
						'Over tijd',
						'Nieuw en nog bij niemand',
						'Doorverwijzingen die op ons antwoord wachten',
						'Heropend: de bewoner zegt "niet opgelost"'
					])
				);
				expect(lines.find((l) => l.label === 'Nieuw en nog bij niemand')!.count).toBeGreaterThan(0);
				for (const line of lines.filter((l) => l.href.startsWith('/staff/signals'))) {
					expect([line.label, await listTotal(session, line.href)]).toEqual([line.label, line.count]);
				}
				// Referrals waiting: the same number as the menu's badge.
				const referrals = lines.find((l) => l.href.startsWith('/staff/referrals'))!;
				const waiting = await server.db
					.selectFrom('referrals as r')
					.innerJoin('users as u', 'u.organisation_id', 'r.to_organisation_id')
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.where('u.email', '=', email)
					.where('r.status', '=', 'pending')
					.executeTakeFirstOrThrow();
				expect(referrals.count).toBe(Number(waiting.n));
			});
		}

		it('the worker of De Vlashaard follows his team; the coordinator, in no team, every team of the institute', async () => {
			expect((await linesOf(DEMO.housingCompany)).lines.map((l) => l.label)).toContain('Over tijd bij Technische dienst');
			expect((await linesOf(DEMO.coordinator)).lines.map((l) => l.label)).toContain('Over tijd bij Buurtwerk Wevelgem');
			// The OCMW's line is for its own team, never the institute's.
			expect((await linesOf(DEMO.welfareCentre)).lines.map((l) => l.label)).not.toContain('Over tijd bij Buurtwerk Wevelgem');
		});

		it("a new signal in Wevelgem counts for Wevelgem's institute, not for the worker in Brecht", async () => {
			const newOnes = async (email: string) => (await linesOf(email)).lines.find((l) => l.label === 'Nieuw en nog bij niemand')!.count;
			const [saraBefore, jonasBefore] = [await newOnes(DEMO.communityWorker), await newOnes(DEMO.otherInstitute)];
			const wevelgem = await server.db
				.selectFrom('areas')
				.select('id')
				.where('name', '=', 'Wevelgem')
				.where('kind', '=', 'municipality')
				.executeTakeFirstOrThrow();
			const noise = await server.db.selectFrom('signal_categories').select('id').where('kind', '=', 'nuisance').orderBy('key').executeTakeFirstOrThrow();
			const routed = await reportSignal(
				server.db,
				anonymous,
				{ kind: 'nuisance', categoryId: noise.id, description: 'Harde muziek op het plein\nelke avond', areaId: wevelgem.id },
				{ baseUrl: server.url }
			);
			const row = await server.db
				.selectFrom('signals as s')
				.innerJoin('organisations as o', 'o.id', 's.organisation_id')
				.select('o.name')
				.where('s.id', '=', routed.id)
				.executeTakeFirstOrThrow();
			expect(row.name).toBe('Samenlevingsopbouw West-Vlaanderen');
			expect(await newOnes(DEMO.communityWorker)).toBe(saraBefore + 1);
			expect(await newOnes(DEMO.otherInstitute)).toBe(jonasBefore);
			// The inbox row shows the first line of what the resident wrote, not the second.
			const sara = await login(server, DEMO.communityWorker);
			const list = await (await sara.get(`/staff/signals?q=${encodeURIComponent(routed.reference)}&status=all`)).text();
			expect(list).toContain('Harde muziek op het plein');
			expect(list).not.toContain('elke avond');
		});

		it('the admin, who reads no signals, gets her tasks, not empty counts', async () => {
			const admin = await login(server, DEMO.admin);
			const html = await (await admin.get('/staff')).text();
			expect(dayLines(html)).toEqual([]);
			expect(html).toContain('Jij richt Leefbaar in');
			for (const href of ['/admin/users', '/admin/organisations', '/staff/settings/signals', '/staff/imports', '/staff/audit'])
				expect(html).toContain(`href="${href}"`);
			expect(html).toContain('href="/staff/areas"');
		});

		it('the area list moved to Buurten, with its search', async () => {
			const sara = await login(server, DEMO.communityWorker);
			expect(await (await sara.get('/staff')).text()).toContain('action="/staff/areas"');
			const found = await (await sara.get('/staff/areas?q=wallays')).text();
			expect(found).toMatch(/href="\/staff\/areas\/[^"]*wallays/i);
		});

		it('the admin is no choice for a signal, and a forged post to put it on her name is refused in plain words', async () => {
			const sara = await login(server, DEMO.communityWorker);
			const signal = await reportAt(
				server,
				{ area: 'Wevelgem', kind: 'municipality' },
				{ category: 'neighbour_conflict', description: 'Ruzie tussen buren over de haag' }
			);
			const admin = await server.db.selectFrom('users').select(['id', 'name']).where('email', '=', DEMO.admin).executeTakeFirstOrThrow();
			const page = await (await sara.get(`/staff/signals/${signal.id}`)).text();
			expect(page).toContain('Koen Vermeulen');
			expect(page).not.toContain(`value="${admin.id}"`);
			const res = await sara.post(`/staff/signals/${signal.id}?/assign`, { assigneeId: admin.id });
			expect(res.status).toBe(400);
			expect(await res.text()).toContain(`${admin.name} kan geen meldingen behandelen`);
			expect((await server.db.selectFrom('signals').select('assignee_id').where('id', '=', signal.id).executeTakeFirstOrThrow()).assignee_id).not.toBe(
				admin.id
			);
		});
	});
}
