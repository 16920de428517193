// Hostile walk, consent: the OCMW tries to give itself a consent to read a tenant's phone number, De Vlashaard tries
// to record one for the OCMW and to withdraw the OCMW's. All refused; the tenant's record stays as it was. HTTP only.
import { beforeAll, expect, it } from 'vitest';
import { DEMO, HttpSession, login } from '../support/session';
import { describeTargets } from './target';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const HIDDEN = 'Niet gedeeld met jouw organisatie';

describeTargets('consents are recorded only by those who may', (target) => {
	let ocmw: HttpSession;
	let vlashaard: HttpSession;
	let tenant: string;
	let ocmwId: string;
	let consentId: string;

	beforeAll(async () => {
		ocmw = await login(target(), DEMO.welfareCentre);
		vlashaard = await login(target(), DEMO.housingCompany);
		// A tenant who agreed that the OCMW may know her household situation (not her contact details).
		tenant = (await (await ocmw.get('/staff/residents')).text()).match(new RegExp(`href="/staff/residents/(${UUID})"`))?.[1] ?? '';
		const page = await (await ocmw.get(`/staff/residents/${tenant}`)).text();
		consentId = page.match(new RegExp(`name="consentId" value="(${UUID})"`))?.[1] ?? '';
		// The OCMW's own id, as any organisation's, from a form that lists the partners (De Vlashaard's referral form).
		const [signal] = (await (await vlashaard.get('/staff/signals')).text()).match(new RegExp(`/staff/signals/${UUID}`)) ?? [];
		const refer = await (await vlashaard.get(`${signal}/refer`)).text();
		ocmwId = refer.match(new RegExp(`<option value="(${UUID})"[^>]*>\\s*OCMW Wevelgem`))?.[1] ?? '';
	});

	it('found a tenant, her consent for the OCMW and the OCMW’s id', async () => {
		expect(tenant).toMatch(new RegExp(UUID));
		expect(consentId).toMatch(new RegExp(UUID));
		expect(ocmwId).toMatch(new RegExp(UUID));
		expect(await (await ocmw.get(`/staff/residents/${tenant}`)).text()).toContain(HIDDEN);
	});

	it('the OCMW cannot record a consent for itself, and still does not see her phone number', async () => {
		const res = await ocmw.post(`/staff/residents/${tenant}?/consent`, { organisationId: ocmwId, scope: 'contact_details', purpose: 'Terugbellen' });
		expect(res.status).toBe(403);
		expect(await (await ocmw.get(`/staff/residents/${tenant}`)).text()).toContain(HIDDEN);
	});

	it('De Vlashaard neither records a consent for the OCMW nor withdraws the OCMW’s', async () => {
		expect(
			(await vlashaard.post(`/staff/residents/${tenant}?/consent`, { organisationId: ocmwId, scope: 'contact_details', purpose: 'Doorgeven' })).status
		).toBe(403);
		expect([403, 404]).toContain((await vlashaard.post(`/staff/residents/${tenant}?/withdraw`, { consentId, note: 'Bewoner vroeg het' })).status);
		const page = await (await ocmw.get(`/staff/residents/${tenant}`)).text();
		expect(page).toContain(`name="consentId" value="${consentId}"`);
		expect(page).toContain(HIDDEN);
	});
});
