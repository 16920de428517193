// A tenant reports on the public form without an account and without JavaScript: a photo from her phone, a file that
// is not a photo, one that is too big, a double tap on "send", a neighbour who says "me too", and someone who posts
// far too often. On the real build, on SQLite and PostgreSQL.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../src/core/db/testing';
import { startServer, type TestServer } from '../support/server';
import { HttpSession } from '../support/session';

const visibleText = (html: string) => html.replaceAll('&#39;', "'").replaceAll('&apos;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');
const LIMIT = 9;

/** A phone photo with the home's GPS position in its EXIF, as phones write it. */
async function phonePhoto(): Promise<Buffer> {
	return sharp({ create: { width: 1200, height: 900, channels: 3, background: '#7a8f9c' } })
		.jpeg({ quality: 90 })
		.withExifMerge({
			IFD0: { Make: 'PhoneMaker' },
			IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '50/1 48/1 2844/100', GPSLongitudeRef: 'E', GPSLongitude: '3/1 12/1 1044/100' }
		})
		.toBuffer();
}

for (const dialect of testDialects()) {
	describe(`a resident reports without an account [${dialect}]`, () => {
		let server: TestServer;
		let estate: { id: string; slug: string };
		const tab = () => new HttpSession(server, { 'accept-language': 'nl-BE' });
		const signalCount = async () =>
			Number(
				(
					await server.db
						.selectFrom('signals')
						.select((eb) => eb.fn.countAll<number>().as('n'))
						.executeTakeFirstOrThrow()
				).n
			);

		/** Opens the form and returns its one-time token. */
		async function openForm(session: HttpSession, slug = estate.slug): Promise<string> {
			const res = await session.get(`/melden/${slug}`);
			expect(res.status).toBe(200);
			const token = /name="formToken" value="([0-9a-f]{32})"/.exec(await res.text())?.[1];
			expect(token).toBeDefined();
			return token!;
		}

		function fields(token: string, values: Record<string, string>, photos: Array<{ bytes: Uint8Array; name: string; type: string }> = []): FormData {
			const fd = new FormData();
			fd.set('formToken', token);
			for (const [k, v] of Object.entries(values)) fd.set(k, v);
			for (const p of photos) fd.append('photos', new Blob([new Uint8Array(p.bytes)], { type: p.type }), p.name);
			return fd;
		}

		/** Step 1, and "send anyway" when similar signals are shown: the tracking token of the stored signal. */
		async function report(
			session: HttpSession,
			values: Record<string, string>,
			photos: Array<{ bytes: Uint8Array; name: string; type: string }> = []
		): Promise<string> {
			const token = await openForm(session);
			let res = await session.post(`/melden/${estate.slug}?/check`, fields(token, values, photos));
			if (res.status === 200) {
				expect(visibleText(await res.text())).toContain('Nee, het is iets anders: verstuur mijn melding');
				res = await session.post(`/melden/${estate.slug}?/send`, { formToken: token, ...values });
			}
			expect(res.status, server.output()).toBe(303);
			const location = res.headers.get('location') ?? '';
			expect(location).toMatch(/^\/volgen\/[\w-]+\/bedankt$/);
			return location.split('/')[2];
		}

		beforeAll(async () => {
			// Behind a pretend proxy, so the one posting far too often has an address of their own and its limit stops
			// nobody else, whichever test runs first.
			server = await startServer({ dialect, env: { INTAKE_RATE_LIMIT: String(LIMIT), ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' } });
			estate = await server.db.selectFrom('estates').select(['id', 'slug']).orderBy('slug').executeTakeFirstOrThrow();
		}, 180_000);
		afterAll(async () => {
			await server?.stop();
		});

		it('the short link on the poster opens the form, and the poster carries a QR code to it', async () => {
			const session = tab();
			const short = await session.get(`/m/${estate.slug}`);
			expect(short.status).toBe(308);
			expect(short.headers.get('location')).toBe(`/melden/${estate.slug}`);
			const poster = await session.get(`/melden/${estate.slug}/poster`);
			expect(poster.status).toBe(200);
			const html = await poster.text();
			expect(html).toMatch(/<svg[^>]*viewBox/);
			expect(html).toContain(`/m/${estate.slug}`);
			expect((await session.get('/melden/no-such-place')).status).toBe(404);
		});

		it('a tenant sends a phone photo: she gets her code, and her photo comes back without its GPS position', async () => {
			const session = tab();
			const before = await signalCount();
			const tracking = await report(
				session,
				{ kind: 'home_repair', description: 'Schimmel op de muur in de badkamer', locationKind: 'dwelling', email: 'huurder@example.be', language: 'nl' },
				[{ bytes: await phonePhoto(), name: 'IMG_2041.jpg', type: 'image/jpeg' }]
			);
			expect(await signalCount()).toBe(before + 1);

			const thanks = visibleText(await (await session.get(`/volgen/${tracking}/bedankt`)).text());
			const reference = /class="code[^"]*"[^>]*>([0-9A-Z]{4}-[0-9A-Z]{4})</.exec(thanks)?.[1];
			expect(reference).toBeDefined();
			expect(thanks).toContain(`/volgen/${tracking}`);

			const page = await session.get(`/volgen/${tracking}`);
			expect(page.headers.get('cache-control')).toContain('private');
			const html = visibleText(await page.text());
			expect(html).toContain('Schimmel op de muur in de badkamer');
			expect(html).toContain('Ontvangen');
			const photoPath = /src="(\/volgen\/[\w-]+\/foto\/[\w-]+)\?klein"/.exec(html)?.[1];
			expect(photoPath).toBeDefined();
			for (const path of [photoPath!, `${photoPath}?klein`]) {
				const photo = await session.get(path);
				expect(photo.status).toBe(200);
				expect(photo.headers.get('content-type')).toBe('image/jpeg');
				expect(photo.headers.get('cache-control')).toContain('private');
				const meta = await sharp(Buffer.from(await photo.arrayBuffer())).metadata();
				expect(meta.exif).toBeUndefined();
			}
			// Another link, or this link with another signal's photo id: nothing.
			expect((await session.get(photoPath!.replace(tracking, 'x'.repeat(43)))).status).toBe(404);
			expect((await session.get(`/volgen/${tracking}/foto/0190aaaa-0000-7000-8000-000000000000`)).status).toBe(404);

			// The code alone shows the status, not her words.
			const byCode = visibleText(await (await session.get(`/volgen?code=${reference!.toLowerCase().replace('-', '+')}`)).text());
			expect(byCode).toContain('Ontvangen');
			expect(byCode).not.toContain('Schimmel');
		});

		it('a text file named photo.jpg is refused at the photo field, and what she typed stays in the form', async () => {
			const session = tab();
			const before = await signalCount();
			const token = await openForm(session);
			const res = await session.post(
				`/melden/${estate.slug}?/check`,
				fields(token, { kind: 'nuisance', description: 'Lawaai <b>elke</b> nacht in blok C', email: 'buur@example.be', language: 'nl' }, [
					{ bytes: Buffer.from('geen foto, maar tekst\n'), name: 'photo.jpg', type: 'image/jpeg' }
				])
			);
			expect(res.status).toBe(400);
			const raw = await res.text();
			const html = visibleText(raw);
			expect(html).toMatch(/id="photos-error">Dit bestand is geen foto, of het is kapot\./);
			expect(raw).toContain('Lawaai &lt;b>elke&lt;/b> nacht in blok C');
			expect(html).toContain('value="buur@example.be"');
			expect(raw).toMatch(/value="nuisance"[^>]*checked/);
			expect(await signalCount()).toBe(before);
		});

		it('a 16 MB file is refused as too large, in French for a French-speaking tenant', async () => {
			const session = new HttpSession(server, { 'accept-language': 'fr-BE' });
			const token = await openForm(session);
			const big = Buffer.concat([await phonePhoto(), Buffer.alloc(16 * 1024 * 1024)]);
			const res = await session.post(
				`/melden/${estate.slug}?/check`,
				fields(token, { kind: 'home_repair', description: 'Fuite sous l’évier', language: 'fr' }, [{ bytes: big, name: 'grand.jpg', type: 'image/jpeg' }])
			);
			expect(res.status).toBe(400);
			expect(visibleText(await res.text())).toContain('Cette photo est trop grande. Une photo peut faire au maximum 15 Mo.');
		});

		it('a double tap on "send" stores one signal', async () => {
			const session = tab();
			const token = await openForm(session);
			const values = {
				kind: 'public_space',
				description: 'Straatlamp kapot aan de speeltuin',
				locationKind: 'address',
				locationText: 'Speeltuin Wallaysplein',
				language: 'nl'
			};
			const [a, b] = await Promise.all([
				session.post(`/melden/${estate.slug}?/send`, { formToken: token, ...values }),
				session.post(`/melden/${estate.slug}?/send`, { formToken: token, ...values })
			]);
			expect([a.status, b.status]).toEqual([303, 303]);
			const again = await session.post(`/melden/${estate.slug}?/send`, { formToken: token, ...values });
			expect(again.status).toBe(303);
			const stored = await server.db.selectFrom('signals').select('reference').where('idempotency_key', '=', `form:${token}`).execute();
			expect(stored).toHaveLength(1);
			// The last answer's link works and shows that one signal (earlier links were replaced by the retry).
			const html = await (await session.get(`${again.headers.get('location')}`)).text();
			expect(/class="code[^"]*"[^>]*>([0-9A-Z-]+)</.exec(html)?.[1]).toBe(stored[0].reference);
		});

		it('a neighbour with the same problem sees the open signal nearby and says "me too"', async () => {
			await report(tab(), { kind: 'common_spaces', description: 'De lift in blok A staat stil', language: 'nl' });
			const session = tab();
			const before = await signalCount();
			const token = await openForm(session);
			const res = await session.post(
				`/melden/${estate.slug}?/check`,
				fields(token, { kind: 'common_spaces', description: 'Lift werkt niet', email: 'tweede@example.be', language: 'nl' })
			);
			expect(res.status).toBe(200);
			const raw = await res.text();
			const html = visibleText(raw);
			expect(html).toContain('Is dit hetzelfde probleem?');
			expect(html).toContain('Ik heb hetzelfde probleem');
			// Others' words and codes are not shown.
			expect(html).not.toContain('De lift in blok A staat stil');
			const signalId = /name="signalId" value="([\w-]+)"/.exec(raw)?.[1];
			expect(signalId).toBeDefined();
			const joined = await session.post(`/melden/${estate.slug}?/join`, {
				formToken: token,
				signalId: signalId!,
				kind: 'common_spaces',
				description: 'Lift werkt niet',
				email: 'tweede@example.be',
				language: 'nl'
			});
			expect(joined.status).toBe(303);
			expect(joined.headers.get('location')).toMatch(/^\/volgen\/[\w-]+\/bedankt\?mee$/);
			expect(await signalCount()).toBe(before);
			const reporters = await server.db
				.selectFrom('signal_reporters')
				.select(['is_original', 'email'])
				.where('signal_id', '=', signalId!)
				.orderBy('created_at')
				.execute();
			expect(reporters.map((r) => [r.is_original, r.email])).toEqual([
				[true, null],
				[false, 'tweede@example.be']
			]);
			expect(visibleText(await (await session.get(joined.headers.get('location')!)).text())).toContain('Je volgt nu deze melding mee');
		});

		it('someone who posts far too often gets a friendly 429 page in their language, and nothing is stored', async () => {
			const session = new HttpSession(server, { 'accept-language': 'en', 'x-forwarded-for': '203.0.113.50' });
			let refused: Response | undefined;
			for (let i = 0; i <= LIMIT && !refused; i++) {
				const token = await openForm(session);
				const res = await session.post(`/melden/${estate.slug}?/send`, {
					formToken: token,
					kind: 'nuisance',
					description: `Herrie nummer ${i}`,
					language: 'en'
				});
				if (res.status === 429) refused = res;
				else expect(res.status).toBe(303);
			}
			expect(refused).toBeDefined();
			expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
			expect(visibleText(await refused!.text())).toContain('Many reports came from here in a row.');
			const before = await signalCount();
			const token = await openForm(session);
			expect(
				(await session.post(`/melden/${estate.slug}?/send`, { formToken: token, kind: 'nuisance', description: 'Nog eentje', language: 'en' })).status
			).toBe(429);
			expect(await signalCount()).toBe(before);
			expect(await server.db.selectFrom('signals').select('id').where('idempotency_key', '=', `form:${token}`).execute()).toEqual([]);
		});
	});
}
