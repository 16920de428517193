// The hostile walk of the tracking page's form (issue 12, point 2), over HTTP only, so it runs against any demo server.
// A resident reports on the Wallaysplein form and answers back on her tracking page with something personal. A stranger
// says "me too" on her report and gets a tracking link of his own: he can write with it, but only as himself — his
// page never shows her reply, and hers never shows his. Posting with a guessed link, with the report's code in place of
// the link, or from another site stores nothing; "this is not solved" on a signal that is not resolved is refused.
import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { HttpSession } from '../support/session';
import { rawRequest } from './http';
import { describeTargets } from './target';

const visibleText = (html: string) => html.replaceAll('&#39;', "'").replaceAll('&apos;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');

describeTargets('the tracking page’s form writes as the link’s holder only', (target) => {
	const marker = randomBytes(4).toString('hex');
	const hersReport = `De lift staat stil en mijn moeder zit vast op de vijfde (${marker}).`;
	const hersReply = `Mijn moeder heeft morgen dialyse, ze moet naar beneden (${marker}).`;
	const hisReply = `Bij ons op de vierde piept de lift (${marker}).`;
	const tab = () => new HttpSession(target(), { 'accept-language': 'nl-BE' });
	/**
	 * Her report and reply and the stranger's "me too" and reply, made once per target by whichever test needs them
	 * first, so that each test finds them whichever runs before it.
	 */
	let story: Promise<{ hers: { tracking: string; reference: string }; his: string }> | undefined;
	const reported = () => (story ??= reportAndJoin());

	async function openForm(session: HttpSession): Promise<string> {
		const res = await session.get('/melden/wallaysplein');
		expect(res.status).toBe(200);
		return /name="formToken" value="([0-9a-f]{32})"/.exec(await res.text())![1];
	}

	async function reportAndJoin(): Promise<{ hers: { tracking: string; reference: string }; his: string }> {
		const hers = { tracking: '', reference: '' };
		const session = tab();
		const token = await openForm(session);
		const values = { kind: 'common_spaces', description: hersReport, locationKind: 'common_space', email: `bewoner.${marker}@example.be`, language: 'nl' };
		let res = await session.post('/melden/wallaysplein?/check', { formToken: token, ...values });
		if (res.status === 200) res = await session.post('/melden/wallaysplein?/send', { formToken: token, ...values });
		expect(res.status).toBe(303);
		hers.tracking = res.headers.get('location')!.split('/')[2];
		hers.reference = /class="code[^"]*"[^>]*>([0-9A-Z]{4}-[0-9A-Z]{4})</.exec(await (await session.get(`/volgen/${hers.tracking}/bedankt`)).text())![1];
		expect((await session.post(`/volgen/${hers.tracking}?/reply`, { body: hersReply })).status).toBe(303);
		expect(visibleText(await (await tab().get(`/volgen/${hers.tracking}`)).text())).toContain(hersReply);

		// The stranger: "me too" on her report (the newest of its kind here, so the first one offered).
		const stranger = tab();
		const strangerToken = await openForm(stranger);
		const mine = { kind: 'common_spaces', description: `Ook bij ons (${marker}).`, language: 'nl' };
		const step = await stranger.post('/melden/wallaysplein?/check', { formToken: strangerToken, ...mine });
		expect(step.status).toBe(200);
		const signalId = /name="signalId" value="([\w-]+)"/.exec(await step.text())?.[1];
		expect(signalId).toBeTruthy();
		const joined = await stranger.post('/melden/wallaysplein?/join', { formToken: strangerToken, signalId: signalId!, ...mine });
		expect(joined.status).toBe(303);
		const his = joined.headers.get('location')!.split('/')[2];
		expect(visibleText(await (await stranger.get(`/volgen/${his}/bedankt`)).text())).toContain(hers.reference);

		expect((await stranger.post(`/volgen/${his}?/reply`, { body: hisReply })).status).toBe(303);
		return { hers, his };
	}

	it('she reports and answers back; a stranger who says "me too" writes as himself and neither reads the other', async () => {
		const { hers, his } = await reported();
		const stranger = tab();
		const hisPage = visibleText(await (await stranger.get(`/volgen/${his}`)).text());
		expect(hisPage).toContain(hisReply);
		for (const secret of [hersReply, hersReport, 'dialyse', `bewoner.${marker}`]) expect(hisPage).not.toContain(secret);
		const herPage = visibleText(await (await tab().get(`/volgen/${hers.tracking}`)).text());
		expect(herPage).toContain(hersReply);
		expect(herPage).not.toContain(hisReply);
	});

	it('a guessed link, the code in place of the link, or a form from another site posts nothing', async () => {
		const { hers } = await reported();
		const guessed = randomBytes(32).toString('base64url');
		for (const link of [guessed, hers.reference, `${hers.tracking}x`]) {
			const res = await tab().post(`/volgen/${link}?/reply`, { body: `Ik ben het, echt (${marker}-guess)` });
			expect(res.status, link).toBe(404);
			const reason = await tab().post(`/volgen/${link}?/notSolved`, { reason: `Niet opgelost (${marker}-guess)` });
			expect(reason.status, link).toBe(404);
		}
		const forged = await rawRequest(`${target().url}/volgen/${hers.tracking}?/reply`, {
			method: 'POST',
			headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
			body: `body=${encodeURIComponent(`Van elders (${marker}-evil)`)}`
		});
		expect(forged.status).toBe(403);
		const page = visibleText(await (await tab().get(`/volgen/${hers.tracking}`)).text());
		expect(page).not.toContain(`${marker}-guess`);
		expect(page).not.toContain(`${marker}-evil`);
	});

	it('"this is not solved" on a signal that is not resolved is refused, for her and for the stranger', async () => {
		const { hers, his } = await reported();
		for (const link of [hers.tracking, his]) {
			const res = await tab().post(`/volgen/${link}?/notSolved`, { reason: `Toch niet (${marker})` });
			expect(res.status, link).toBe(409);
		}
	});
});
