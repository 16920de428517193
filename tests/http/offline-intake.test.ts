// Sara's phone sends the signals she registered without network to POST /api/v1/signals: each is stored once by the
// Idempotency-Key the phone made (a resend after a lost answer changes nothing), the same key with another text is
// refused, a bad one gets a problem document naming the field in her language, nobody without a session gets in, and
// the intake form serves its service worker scoped to itself. The form without JavaScript posts as before. A photo
// goes with the signal (multipart): a resend stores the signal once with its one photo, without its GPS position; a
// file that is no photo is refused with a problem document and nothing is stored. Without JavaScript, the form takes
// the photo too, and a wrong one comes back next to the photo field with the rest of the form kept.
// On the real build, on SQLite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../src/core/db/testing';
import { startServer, type TestServer } from '../support/server';
import { DEMO, HttpSession, login } from '../support/session';

const visibleText = (html: string) => html.replaceAll('&#39;', "'").replaceAll('&apos;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');
/** A phone photo with the place it was taken in its EXIF, as phones write it. */
const phonePhoto = (colour = '#6b8e23') =>
	sharp({ create: { width: 320, height: 240, channels: 3, background: colour } })
		.jpeg()
		.withExifMerge({
			IFD0: { Make: 'PhoneMaker' },
			IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '50/1 48/1 2844/100', GPSLongitudeRef: 'E', GPSLongitude: '3/1 12/1 1044/100' }
		})
		.toBuffer();

for (const dialect of testDialects()) {
	describe(`signals sent from a worker's phone [${dialect}]`, () => {
		let server: TestServer;
		let sara: HttpSession;
		const send = (session: HttpSession, body: unknown, key?: string) =>
			session.request('/api/v1/signals', {
				method: 'POST',
				headers: { accept: 'application/json', 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
				body: JSON.stringify(body)
			});
		const storedUnder = (key: string) =>
			server.db.selectFrom('signals').select(['id', 'source', 'channel', 'created_by']).where('idempotency_key', '=', key).execute();
		/** As the phone sends a signal with photos: the fields as JSON in `signal`, each photo a `photos` part. */
		const sendWithPhotos = (session: HttpSession, body: unknown, photos: Array<{ bytes: Uint8Array; name: string; type: string }>, key: string) => {
			const form = new FormData();
			form.set('signal', JSON.stringify(body));
			for (const p of photos) form.append('photos', new Blob([new Uint8Array(p.bytes)], { type: p.type }), p.name);
			return session.request('/api/v1/signals', {
				method: 'POST',
				headers: { accept: 'application/json', origin: server.url, 'idempotency-key': key },
				body: form
			});
		};
		const photosOf = (signalId: string) =>
			server.db.selectFrom('signal_attachments').select(['id', 'media_type', 'is_public']).where('signal_id', '=', signalId).execute();

		beforeAll(async () => {
			server = await startServer({ dialect });
			sara = await login(server, DEMO.communityWorker);
			sara.headers['accept-language'] = 'nl-BE';
		}, 180_000);
		afterAll(async () => {
			await server?.stop();
		});

		it('the intake form runs in the browser and serves its service worker, scoped to the form', async () => {
			const page = await sara.get('/staff/signals/new');
			expect(page.status, server.output()).toBe(200);
			const html = await page.text();
			expect(html).toContain('Dit formulier werkt ook zonder internet');
			expect(html).toContain('id="leefbaar-messages"');
			const sw = await sara.get('/staff/signals/new/sw.js');
			expect(sw.status).toBe(200);
			expect(sw.headers.get('content-type')).toContain('javascript');
			expect(sw.headers.get('service-worker-allowed')).toBe('/staff/signals/new');
			expect(await sw.text()).toContain("const CACHE = 'leefbaar-intake-v1';");
		});

		it('a signal is stored once however often the phone sends it; the same key with another text is refused', async () => {
			const key = randomUUID();
			const body = {
				kind: 'home_repair',
				description: 'De verwarming in de living blijft koud.',
				channel: 'house_visit',
				locationKind: 'none',
				consentGiven: false
			};
			const first = await send(sara, body, key);
			expect(first.status, server.output()).toBe(201);
			const created = (await first.json()) as { id: string; reference: string; replayed: boolean; url: string };
			expect(created).toMatchObject({ replayed: false, url: `/staff/signals/${created.id}` });
			// The answer got lost: the phone sends the same signal again (its fields in another order).
			const again = await send(
				sara,
				{ consentGiven: false, locationKind: 'none', channel: 'house_visit', description: body.description, kind: 'home_repair' },
				key
			);
			expect(again.status).toBe(200);
			expect(await again.json()).toMatchObject({ id: created.id, reference: created.reference, replayed: true });
			const rows = await storedUnder(key);
			expect(rows).toHaveLength(1);
			expect(rows[0]).toMatchObject({ source: 'staff', channel: 'house_visit' });

			const reused = await send(sara, { ...body, description: 'Een ander verhaal onder dezelfde sleutel.' }, key);
			expect(reused.status).toBe(422);
			expect(reused.headers.get('content-type')).toContain('application/problem+json');
			expect(await reused.json()).toMatchObject({ code: 'idempotency_key_reused' });
			expect(await storedUnder(key)).toHaveLength(1);
		});

		it('a bad signal gets a problem document naming the field; without a session, or from another site, nothing gets in', async () => {
			const bad = await send(sara, { kind: 'help', description: 'Hulp nodig', channel: 'street' }, randomUUID());
			expect(bad.status).toBe(422);
			const problem = (await bad.json()) as { errors: Array<{ pointer: string; detail: string }> };
			expect(problem.errors.map((e) => e.pointer)).toContain('/residentId');

			const key = randomUUID();
			const stranger = await send(new HttpSession(server), { kind: 'home_repair', description: 'De lift staat stil.', channel: 'street' }, key);
			expect(stranger.status).toBe(401);
			const forged = await sara.request('/api/v1/signals', {
				method: 'POST',
				headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': key },
				body: 'kind=home_repair&description=De+lift+staat+stil&channel=street'
			});
			expect(forged.status).toBe(403);
			expect(await storedUnder(key)).toEqual([]);
		});

		it('a signal with a photo is stored once with its one photo however often the phone sends it, without its GPS position', async () => {
			const key = randomUUID();
			const body = { kind: 'home_repair', description: 'Het raam van de keuken is gebroken.', channel: 'street', locationKind: 'none', consentGiven: false };
			const photo = { bytes: await phonePhoto(), name: 'IMG_0412.jpg', type: 'image/jpeg' };
			const first = await sendWithPhotos(sara, body, [photo], key);
			expect(first.status, server.output()).toBe(201);
			const created = (await first.json()) as { id: string; replayed: boolean };
			expect(created.replayed).toBe(false);
			// The answer got lost on a weak network: the phone sends the signal and its photo again, under the same key.
			const again = await sendWithPhotos(sara, body, [photo], key);
			expect(again.status).toBe(200);
			expect(await again.json()).toMatchObject({ id: created.id, replayed: true });
			expect(await storedUnder(key)).toHaveLength(1);
			const photos = await photosOf(created.id);
			expect(photos).toEqual([{ id: photos[0].id, media_type: 'image/jpeg', is_public: false }]);

			// The same key with another photo is another post: refused, and the signal keeps its one photo.
			const other = await sendWithPhotos(sara, body, [{ ...photo, bytes: await phonePhoto('#aa3333') }], key);
			expect(other.status).toBe(422);
			expect(await other.json()).toMatchObject({ code: 'idempotency_key_reused' });
			expect(await photosOf(created.id)).toHaveLength(1);

			// On the signal's page, and the photo itself re-encoded without the place it was taken.
			const page = visibleText(await (await sara.get(`/staff/signals/${created.id}`)).text());
			expect(page).toContain(`/staff/signals/${created.id}/foto/${photos[0].id}`);
			const shown = await sara.get(`/staff/signals/${created.id}/foto/${photos[0].id}`);
			expect(shown.status).toBe(200);
			expect(shown.headers.get('content-type')).toBe('image/jpeg');
			expect((await sharp(Buffer.from(await shown.arrayBuffer())).metadata()).exif).toBeUndefined();
		});

		it('a file that is no photo is refused with a problem document in her language, and nothing is stored', async () => {
			const key = randomUUID();
			const body = { kind: 'home_repair', description: 'De voordeur sluit niet meer.', channel: 'house_visit', locationKind: 'none', consentGiven: false };
			const refused = await sendWithPhotos(
				sara,
				body,
				[{ bytes: new TextEncoder().encode('%PDF-1.7 a scanned letter'), name: 'brief.jpg', type: 'image/jpeg' }],
				key
			);
			expect(refused.status).toBe(422);
			expect(refused.headers.get('content-type')).toContain('application/problem+json');
			expect(await refused.json()).toMatchObject({
				status: 422,
				code: 'invalid_input',
				errors: [{ pointer: '/photos', code: 'not_an_image', detail: 'Dit bestand is geen foto, of het is kapot. Kies een andere foto.' }]
			});
			expect(await storedUnder(key)).toEqual([]);
			// A multipart body without the signal's fields names what is missing.
			const empty = new FormData();
			empty.append('photos', new Blob([new Uint8Array(await phonePhoto())], { type: 'image/jpeg' }), 'a.jpg');
			const missing = await sara.request('/api/v1/signals', {
				method: 'POST',
				headers: { accept: 'application/json', origin: server.url, 'idempotency-key': key },
				body: empty
			});
			expect(missing.status).toBe(422);
			expect(((await missing.json()) as { errors: Array<{ pointer: string }> }).errors.map((e) => e.pointer)).toEqual(['/signal']);
			expect(await storedUnder(key)).toEqual([]);

			// The OpenAPI document says how to send photos.
			const doc = (await (await sara.get('/api/v1/openapi.json')).json()) as {
				paths: Record<
					string,
					{ post: { requestBody: { content: Record<string, { encoding?: Record<string, { contentType: string }>; schema: { required?: string[] } }> } } }
				>;
			};
			const multipart = doc.paths['/signals'].post.requestBody.content['multipart/form-data'];
			expect(multipart.schema.required).toEqual(['signal']);
			expect(multipart.encoding?.signal.contentType).toBe('application/json');
			expect(Object.keys(doc.paths['/signals'].post.requestBody.content)).toEqual(['application/json', 'multipart/form-data']);
		});

		it('without JavaScript the form takes the photo; a wrong one is told next to the photo field, the rest is kept, and she is asked to choose again', async () => {
			const html = await (await sara.get('/staff/signals/new')).text();
			expect(html).toContain('enctype="multipart/form-data"');
			expect(html).toMatch(/<input id="field-photos" name="photos" type="file" accept="image\/\*" multiple/);
			const token = /name="formToken" value="([\w-]+)"/.exec(html)![1];
			const form = (photo: { bytes: Uint8Array; name: string; type: string }) => {
				const fd = new FormData();
				for (const [k, v] of Object.entries({
					formToken: token,
					kind: 'common_spaces',
					channel: 'community_centre',
					description: 'De lift in blok C staat al een week stil.',
					locationKind: 'common_space',
					locationText: 'Blok C'
				}))
					fd.set(k, v);
				fd.append('photos', new Blob([new Uint8Array(photo.bytes)], { type: photo.type }), photo.name);
				return fd;
			};
			const wrong = await sara.post(
				'/staff/signals/new',
				form({ bytes: new TextEncoder().encode('not a photo at all'), name: 'lift.jpg', type: 'image/jpeg' })
			);
			expect(wrong.status).toBe(400);
			const page = visibleText(await wrong.text());
			expect(page).toMatch(/<p class="field-error" id="field-photos-error">Dit bestand is geen foto, of het is kapot. Kies een andere foto.<\/p>/);
			expect(page).toContain("Gekozen foto's: 1. Ze zijn niet bewaard, want iets in het formulier klopte nog niet. Kies ze opnieuw.");
			expect(page).toContain('De lift in blok C staat al een week stil.');
			expect(page).toContain('value="Blok C"');
			expect(await storedUnder(token)).toEqual([]);

			const sent = await sara.post('/staff/signals/new', form({ bytes: await phonePhoto(), name: 'lift.jpg', type: 'image/jpeg' }));
			expect(sent.status, server.output()).toBe(303);
			const [signal] = await storedUnder(token);
			expect(sent.headers.get('location')).toBe(`/staff/signals/${signal.id}?klaar=created`);
			expect(await photosOf(signal.id)).toHaveLength(1);
		});
	});
}
