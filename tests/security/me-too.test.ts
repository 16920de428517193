// The hostile walk of "me too" (issue 11, point 3), over HTTP only, so it runs against any demo server. A resident
// reports on the Wallaysplein form with a personal text, and the institute writes back to her. A stranger fills in the
// same form, says "me too" on her report and reads the tracking page this gives: her words and the message to her must
// not be there. The stranger then posts, to the Wevelgem form, the id of a report made in Brecht (taken from Brecht's
// own form), alone and with Brecht's point on the map: nothing is joined.
import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { DEMO, HttpSession, login } from '../support/session';
import { describeTargets } from './target';

const visibleText = (html: string) => html.replaceAll('&#39;', "'").replaceAll('&apos;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');

describeTargets('"me too" shows nothing of another resident', (target) => {
	// A marker of this run, so that a demo server walked before holds no text that could make the test pass or fail.
	const marker = randomBytes(4).toString('hex');
	const personal = `Mijn moeder kan de trap niet op sinds de lift stilstaat (${marker}).`;
	const toHer = `Mevrouw, we bellen u morgen over uw moeder (${marker}).`;
	const mine = `Ook bij ons staat de lift stil (${marker}).`;
	const tab = () => new HttpSession(target(), { 'accept-language': 'nl-BE' });

	async function openForm(session: HttpSession, slug: string): Promise<string> {
		const res = await session.get(`/melden/${slug}`);
		expect(res.status, `/melden/${slug} on ${target().url}`).toBe(200);
		return /name="formToken" value="([0-9a-f]{32})"/.exec(await res.text())![1];
	}

	/** Reports through the form as a resident does; returns the tracking token and the code. */
	async function report(slug: string, values: Record<string, string>): Promise<{ tracking: string; reference: string }> {
		const session = tab();
		const token = await openForm(session, slug);
		let res = await session.post(`/melden/${slug}?/check`, { formToken: token, ...values });
		if (res.status === 200) res = await session.post(`/melden/${slug}?/send`, { formToken: token, ...values });
		expect(res.status).toBe(303);
		const tracking = res.headers.get('location')!.split('/')[2];
		const reference = /class="code[^"]*"[^>]*>([0-9A-Z]{4}-[0-9A-Z]{4})</.exec(await (await session.get(`/volgen/${tracking}/bedankt`)).text())![1];
		return { tracking, reference };
	}

	/** Step 1 of the form: the signals offered for "me too", newest first, each with the text of its card. */
	async function offer(session: HttpSession, slug: string, values: Record<string, string>) {
		const token = await openForm(session, slug);
		const res = await session.post(`/melden/${slug}?/check`, { formToken: token, ...values });
		expect(res.status).toBe(200);
		const cards = [...(await res.text()).matchAll(/<li class="card[^"]*">([\s\S]*?)<\/li>/g)].map((m) => ({
			id: /name="signalId" value="([\w-]+)"/.exec(m[1])?.[1] ?? '',
			text: visibleText(m[1])
		}));
		return { token, cards };
	}

	it("joining a resident's report gives its status, never her words or the messages to her", async () => {
		const hers = await report('wallaysplein', {
			kind: 'common_spaces',
			description: personal,
			locationKind: 'common_space',
			email: `bewoner.${marker}@example.be`,
			language: 'nl'
		});
		const stranger = tab();
		const values = { kind: 'common_spaces', description: mine, language: 'nl' };
		const step = await offer(stranger, 'wallaysplein', values);
		// Hers is the newest report of its kind here, so the first one offered; the code on the thank-you page says so.
		const signalId = step.cards[0]?.id;
		expect(signalId).toBeTruthy();
		const joined = await stranger.post('/melden/wallaysplein?/join', { formToken: step.token, signalId, ...values });
		expect(joined.status).toBe(303);
		const tracking = joined.headers.get('location')!.split('/')[2];
		expect(visibleText(await (await stranger.get(`/volgen/${tracking}/bedankt`)).text())).toContain(hers.reference);

		// The institute writes to her; her own link shows it, with her words: what must stay hers is really there.
		const institute = await login(target(), DEMO.coordinator);
		expect((await institute.post(`/staff/signals/${signalId}?/note`, { body: toHer, toReporter: 'true' })).status).toBe(303);
		const own = visibleText(await (await tab().get(`/volgen/${hers.tracking}`)).text());
		expect(own).toContain(personal);
		expect(own).toContain(toHer);

		const page = await stranger.get(`/volgen/${tracking}`);
		expect(page.status).toBe(200);
		const html = visibleText(await page.text());
		for (const secret of [personal, toHer, 'Mijn moeder', `bewoner.${marker}`]) expect(html).not.toContain(secret);
		expect(html).toContain(hers.reference);
		expect(html).toContain(mine);
	});

	it('a report of another municipality cannot be joined from this form, not even with its point posted', async () => {
		// Brecht's form is public: a report there, and its id as Brecht's own form offers it to anyone.
		const brecht = {
			kind: 'common_spaces',
			description: `De lift van Kapelakker blijft steken (${marker}).`,
			locationKind: 'map',
			lon: '4.69',
			lat: '51.348',
			language: 'nl'
		};
		await report('kapelakker', brecht);
		const looking = await offer(tab(), 'kapelakker', brecht);
		const id = looking.cards[0]?.id;
		expect(id).toBeTruthy();
		expect(looking.cards[0].text).not.toContain('ook gemeld door');

		const stranger = tab();
		const values = { kind: 'common_spaces', description: `Ik heb hetzelfde probleem (${marker})`, language: 'nl' };
		const step = await offer(stranger, 'wallaysplein', values);
		expect(step.cards.map((c) => c.id)).not.toContain(id);
		for (const forged of [{}, { locationKind: 'map', lon: '4.6901', lat: '51.3481' }, { kind: 'help', email: `x.${marker}@example.be` }] as Array<
			Record<string, string>
		>) {
			const res = await stranger.post('/melden/wallaysplein?/join', { formToken: step.token, signalId: id!, ...values, ...forged });
			expect(res.status, JSON.stringify(forged)).toBe(400);
			expect(res.headers.get('location')).toBeNull();
		}
		const madeUp = await stranger.post('/melden/wallaysplein?/join', { formToken: step.token, signalId: '0190aaaa-0000-7000-8000-000000000000', ...values });
		expect(madeUp.status).toBe(400);

		// Brecht's form still shows nobody joined it.
		const after = await offer(tab(), 'kapelakker', brecht);
		const card = after.cards.find((c) => c.id === id);
		expect(card).toBeDefined();
		expect(card!.text).not.toContain('ook gemeld door');
	});
});
