// Hostile walk, links: a stranger asks for a password reset with a forged Host header. The mail the admin receives
// links to the site itself, never to the forged host; the dev mailbox shows the admin only her own secrets. HTTP only.
import { expect, it } from 'vitest';
import { DEMO, HttpSession, login } from '../support/session';
import { rawRequest } from './http';
import { describeTargets } from './target';

const EVIL = 'evil.example';

describeTargets(
	'no link is built from the request’s Host',
	(target) => {
		it('a reset asked for with Host: evil.example mails a link to the site, not to evil.example', async () => {
			const url = new URL('/password/forgot', target().url).toString();
			const res = await rawRequest(url, {
				method: 'POST',
				headers: { host: EVIL, origin: `http://${EVIL}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
				body: `email=${encodeURIComponent(DEMO.admin)}`
			});
			// A fresh demo (no ORIGIN) answers as usual; a server with ORIGIN refuses the post as cross-site. Either way no
			// mail may point at the forged host.
			expect([200, 403]).toContain(res.status);
			// The admin reads her own mail in the demo's mailbox (the secret shown only to her).
			const admin = await login(target(), DEMO.admin);
			await admin.post('/dev/mailbox?/flush', {});
			const box = await (await admin.get('/dev/mailbox')).text();
			expect(box).not.toContain(EVIL);
			if (res.status === 200) expect(box).toMatch(/\/password\/reset\/[\w-]{20,}/);
		});

		it('the mailbox shows nobody else’s live token', async () => {
			await new HttpSession(target()).post('/password/forgot', { email: DEMO.coordinator });
			const admin = await login(target(), DEMO.admin);
			await admin.post('/dev/mailbox?/flush', {});
			const box = await (await admin.get('/dev/mailbox')).text();
			const start = box.indexOf(DEMO.coordinator);
			expect(start).toBeGreaterThan(-1);
			const coordinatorMail = box.slice(start, box.indexOf('</article>', start));
			expect(coordinatorMail).toContain('/password/reset/•••');
			expect(coordinatorMail).not.toMatch(/\/password\/reset\/[\w-]{20,}/);
		});
	},
	{ origin: false }
);
