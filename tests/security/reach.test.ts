// Hostile walk, organisations: a worker of a second institute (Antwerpen, working in Brecht) takes the ids a Wevelgem
// worker sees on her own pages and tries them all: residents, households and signals, read and changed. Every try is
// refused and changes nothing. The institute coordinator's audit view shows her own staff's reads, not the OCMW's; the
// referral form offers only organisations that work where the signal is. HTTP only, against any demo server.
import { beforeAll, expect, it } from 'vitest';
import { DEMO, HttpSession, login } from '../support/session';
import { describeTargets } from './target';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const idsIn = (html: string, prefix: string, max = 5) =>
	[...new Set([...html.matchAll(new RegExp(`href="${prefix}/(${UUID})"`, 'g'))].map((m) => m[1]))].slice(0, max);
/** The names in the residents list ("Peeters, Marie" or "Marie Peeters"), as the link texts show them. */
const namesIn = (html: string) => [...html.matchAll(new RegExp(`href="/staff/residents/${UUID}"[^>]*>([^<]+)<`, 'g'))].map((m) => m[1].trim()).filter(Boolean);

describeTargets('each organisation stays inside its own work', (target) => {
	let sara: HttpSession;
	let jonas: HttpSession;
	let residents: string[];
	let residentNames: string[];
	let households: string[];
	let signals: string[];

	beforeAll(async () => {
		sara = await login(target(), DEMO.communityWorker);
		jonas = await login(target(), DEMO.otherInstitute);
		const list = await (await sara.get('/staff/residents')).text();
		residents = idsIn(list, '/staff/residents');
		residentNames = namesIn(list).slice(0, 5);
		households = [];
		for (const id of residents.slice(0, 3)) households.push(...idsIn(await (await sara.get(`/staff/residents/${id}`)).text(), '/staff/households', 1));
		signals = idsIn(await (await sara.get('/staff/signals?status=all')).text(), '/staff/signals');
	});

	it('finds Wevelgem’s residents, households and signals as the Wevelgem worker', () => {
		expect(residents.length).toBeGreaterThan(0);
		expect(residentNames.length).toBeGreaterThan(0);
		expect(households.length).toBeGreaterThan(0);
		expect(signals.length).toBeGreaterThan(0);
	});

	it('the Antwerpen worker opens none of them, and her lists name none of those residents', async () => {
		for (const path of [
			...residents.map((id) => `/staff/residents/${id}`),
			...residents.map((id) => `/staff/residents/${id}/edit`),
			...households.map((id) => `/staff/households/${id}`),
			...signals.map((id) => `/staff/signals/${id}`),
			...signals.map((id) => `/staff/signals/${id}/refer`)
		]) {
			const res = await jonas.get(path);
			const body = await res.text();
			expect([403, 404], `${path} answered ${res.status}`).toContain(res.status);
			for (const name of residentNames) expect(body, path).not.toContain(name);
		}
		const own = await (await jonas.get('/staff/residents')).text();
		for (const name of residentNames) expect(own).not.toContain(name);
	});

	it('the Antwerpen worker changes nothing of them', async () => {
		const [resident] = residents;
		const [signal] = signals;
		const before = await (await sara.get(`/staff/signals/${signal}`)).text();
		const tries = [
			await jonas.post(`/staff/residents/${resident}/edit`, { firstName: 'Overgenomen', lastName: 'Antwerpen', language: 'nl', contactChannel: 'letter' }),
			await jonas.post(`/staff/households/${households[0]}/edit`, { name: 'Overgenomen Antwerpen' }),
			await jonas.post(`/staff/signals/${signal}?/status`, { status: 'rejected', reason: 'Overgenomen door Antwerpen' }),
			await jonas.post(`/staff/signals/${signal}?/note`, { body: 'Bericht van Antwerpen aan de melder', toReporter: 'true' })
		];
		for (const res of tries) expect([403, 404]).toContain(res.status);
		const residentPage = await (await sara.get(`/staff/residents/${resident}`)).text();
		expect(residentPage).not.toContain('Overgenomen');
		const after = await (await sara.get(`/staff/signals/${signal}`)).text();
		expect(after).not.toContain('Antwerpen aan de melder');
		expect(after).not.toContain('Overgenomen door Antwerpen');
		expect(after.match(/<h1[^>]*>[\s\S]*?<\/h1>/)?.[0]).toBe(before.match(/<h1[^>]*>[\s\S]*?<\/h1>/)?.[0]);
	});

	it('the coordinator reviews her own organisation’s reads in the audit log, not the OCMW’s', async () => {
		const ocmw = await login(target(), DEMO.welfareCentre);
		const [shared] = idsIn(await (await ocmw.get('/staff/residents')).text(), '/staff/residents', 1);
		expect(shared).toBeTruthy();
		expect((await ocmw.get(`/staff/residents/${shared}`)).status).toBe(200);
		// An entry's row names who acted (the filter's list of staff is not counted).
		const readBy = (html: string, email: string) => new RegExp(`<td data-label="[^"]*"[^>]*>[^<]*${email.replace('.', '\\.')}`).test(html);
		const coordinator = await login(target(), DEMO.coordinator);
		expect(readBy(await (await coordinator.get(`/staff/audit?resource=resident&id=${shared}`)).text(), DEMO.welfareCentre)).toBe(false);
		const admin = await login(target(), DEMO.admin);
		expect(readBy(await (await admin.get(`/staff/audit?resource=resident&id=${shared}`)).text(), DEMO.welfareCentre)).toBe(true);
	});

	it('the referral form offers the organisations that work where the signal is', async () => {
		const vlashaard = await login(target(), DEMO.housingCompany);
		const [signal] = idsIn(await (await vlashaard.get('/staff/signals')).text(), '/staff/signals', 1);
		const form = await (await vlashaard.get(`/staff/signals/${signal}/refer`)).text();
		expect(form).toContain('OCMW Wevelgem');
		for (const elsewhere of ['Samenlevingsopbouw Antwerpen provincie', 'Gemeente Brecht', 'De Voorkempen', 'Buurtcomité Kapelakker'])
			expect(form).not.toContain(elsewhere);
	});
});
