// A resident attaches a phone photo to a signal: what we keep shows the damp wall, never where the resident lives.
// Every test image is made here with sharp or by hand; there are no binary fixtures.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { Invalid, type FieldIssue } from '../errors';
import { canDecodeHeic, readImage, sniffImageFormat } from './images';
import { hugePng, phonePhoto } from './test-images';

async function refusal(promise: Promise<unknown>): Promise<FieldIssue> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(Invalid);
	const issues = (error as Invalid).issues;
	expect(issues).toHaveLength(1);
	return issues[0];
}

describe('a resident attaches a photo to a signal', () => {
	it('keeps the picture upright but drops the GPS position, camera details and XMP the phone wrote', async () => {
		// Stored sideways with "rotate 90° clockwise to show" (orientation 6), as phones do, and the home's position.
		const red = await sharp({ create: { width: 300, height: 400, channels: 3, background: '#ff0000' } })
			.png()
			.toBuffer();
		const sent = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#0000ff' } })
			.composite([{ input: red, left: 0, top: 0 }])
			.jpeg()
			.withMetadata({ orientation: 6 })
			.withExifMerge({
				IFD0: { Make: 'PhoneMaker', Model: 'Pocket 12' },
				IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '50/1 50/1 1234/100', GPSLongitudeRef: 'E', GPSLongitude: '4/1 21/1 5678/100' }
			})
			.withXmp(
				'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="50,50.2N"/></rdf:RDF></x:xmpmeta>'
			)
			.toBuffer();
		const before = await sharp(sent).metadata();
		expect(before.orientation).toBe(6);
		expect(before.exif?.includes('PhoneMaker')).toBe(true);
		expect(before.xmp).toBeDefined();

		const result = await readImage(sent);

		for (const out of [result.image, result.thumbnail]) {
			const meta = await sharp(out).metadata();
			expect(meta.format).toBe('jpeg');
			expect(meta.exif).toBeUndefined();
			expect(meta.xmp).toBeUndefined();
			expect(meta.iptc).toBeUndefined();
			expect(meta.icc).toBeUndefined();
			expect(meta.orientation).toBeUndefined();
			expect(out.includes('PhoneMaker')).toBe(false);
			expect(out.includes('GPSLatitude')).toBe(false);
		}
		// Turned upright: 600 × 400 stored becomes 400 × 600 shown, and the red left half is now on top.
		expect([result.width, result.height]).toEqual([400, 600]);
		expect([result.thumbnailWidth, result.thumbnailHeight]).toEqual([213, 320]);
		const { data } = await sharp(result.image).raw().toBuffer({ resolveWithObject: true });
		const pixel = (x: number, y: number) => [...data.subarray((y * 400 + x) * 3, (y * 400 + x) * 3 + 3)];
		expect(pixel(200, 50)[0]).toBeGreaterThan(200);
		expect(pixel(200, 50)[2]).toBeLessThan(60);
		expect(pixel(200, 550)[2]).toBeGreaterThan(200);
		expect(pixel(200, 550)[0]).toBeLessThan(60);
		expect(result.mediaType).toBe('image/jpeg');
		expect(result.bytes).toBe(result.image.length);
		expect(result.sha256).toBe(createHash('sha256').update(result.image).digest('hex'));
	});

	it('shows a Display P3 photo in sRGB colours and keeps no colour profile', async () => {
		const sent = await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 200, g: 100, b: 100 } } })
			.withIccProfile('p3')
			.jpeg({ quality: 100 })
			.toBuffer();
		const stored = await sharp(sent, { ignoreIcc: true }).raw().toBuffer();
		const result = await readImage(sent);
		expect((await sharp(result.image).metadata()).icc).toBeUndefined();
		const shown = await sharp(result.image).raw().toBuffer();
		// The P3 numbers differ from the sRGB colour; the output carries the sRGB colour again.
		expect(Math.abs(stored[0] - 200)).toBeGreaterThan(5);
		expect(Math.abs(shown[0] - 200)).toBeLessThanOrEqual(4);
		expect(Math.abs(shown[1] - 100)).toBeLessThanOrEqual(4);
	});

	it('brings a 12 MP phone photo down to at most 2048 px and well under 1 MB', async () => {
		const sent = await phonePhoto(4032, 3024);
		expect(sent.length).toBeGreaterThan(2_000_000);
		const result = await readImage(sent);
		expect([result.width, result.height]).toEqual([2048, 1536]);
		expect(result.bytes).toBeLessThan(1_000_000);
		expect([result.thumbnailWidth, result.thumbnailHeight]).toEqual([320, 240]);
		expect(result.thumbnail.length).toBeLessThan(50_000);
	});

	it('keeps a small photo at its own size', async () => {
		const result = await readImage(await phonePhoto(640, 480));
		expect([result.width, result.height]).toEqual([640, 480]);
		expect([result.thumbnailWidth, result.thumbnailHeight]).toEqual([320, 240]);
	});

	it('keeps transparency of a PNG as WebP, and turns an opaque PNG screenshot into JPEG', async () => {
		const transparent = await sharp({ create: { width: 100, height: 100, channels: 4, background: { r: 255, g: 255, b: 255, alpha: 0 } } })
			.composite([{ input: { create: { width: 50, height: 50, channels: 4, background: { r: 255, g: 255, b: 255, alpha: 1 } } }, left: 0, top: 0 }])
			.png()
			.toBuffer();
		const result = await readImage(transparent);
		expect(result.mediaType).toBe('image/webp');
		const meta = await sharp(result.image).metadata();
		expect(meta.format).toBe('webp');
		expect(meta.hasAlpha).toBe(true);
		expect((await sharp(result.thumbnail).metadata()).format).toBe('webp');
		const { data } = await sharp(result.image).raw().toBuffer({ resolveWithObject: true });
		// White text on a transparent background stays readable: the white part stays opaque, the rest transparent.
		expect(data[(10 * 100 + 10) * 4 + 3]).toBeGreaterThan(240);
		expect(data[(90 * 100 + 90) * 4 + 3]).toBeLessThan(15);

		const opaque = await sharp({ create: { width: 100, height: 100, channels: 3, background: '#336699' } })
			.png()
			.toBuffer();
		expect((await readImage(opaque)).mediaType).toBe('image/jpeg');
	});

	it('reads JPEG, PNG, WebP, GIF and AVIF, whatever the file was called', async () => {
		const base = () => sharp({ create: { width: 120, height: 80, channels: 3, background: '#4a7' } });
		const sent = {
			jpeg: await base().jpeg().toBuffer(),
			png: await base().png().toBuffer(),
			webp: await base().webp().toBuffer(),
			gif: await base().gif().toBuffer(),
			avif: await base().avif().toBuffer()
		};
		for (const [format, bytes] of Object.entries(sent)) {
			expect(sniffImageFormat(bytes)).toBe(format);
			const result = await readImage(bytes);
			expect([result.width, result.height]).toEqual([120, 80]);
		}
	});
});

describe('what we refuse, with a code the form can translate', () => {
	it('refuses a file above 15 MB before looking inside it', async () => {
		const issue = await refusal(readImage(new Uint8Array(16 * 1024 * 1024)));
		expect(issue).toMatchObject({ path: 'photo', code: 'file_too_large', params: { maxMb: 15 } });
		const small = await refusal(readImage(new Uint8Array(3 * 1024 * 1024), { maxBytes: 2.5 * 1024 * 1024, field: 'photos.1' }));
		expect(small).toMatchObject({ path: 'photos.1', code: 'file_too_large', params: { maxMb: 2.5 } });
	});

	it('refuses a text file renamed photo.jpg, and text dressed up with JPEG magic bytes', async () => {
		const text = Buffer.from('Beste, hierbij de foto van de vochtplek in de badkamer.\n');
		expect(await refusal(readImage(text))).toMatchObject({ code: 'not_an_image' });
		const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), text]);
		expect(await refusal(readImage(fake))).toMatchObject({ code: 'not_an_image' });
		expect(await refusal(readImage(new Uint8Array(0)))).toMatchObject({ code: 'not_an_image' });
	});

	it('refuses a photo cut off half-way through the upload', async () => {
		const photo = await phonePhoto(800, 600);
		expect(await refusal(readImage(photo.subarray(0, Math.floor(photo.length / 2))))).toMatchObject({ code: 'not_an_image' });
	});

	it('refuses a video sent instead of a photo', async () => {
		const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom\0\0\x02\0isomiso2', 'latin1'), Buffer.alloc(64)]);
		expect(await refusal(readImage(mp4))).toMatchObject({ code: 'not_an_image' });
	});

	it('refuses a 20000 × 20000 image (400 MP) from its header, without decoding it', async () => {
		const bomb = hugePng(20_000, 20_000);
		expect(bomb.length).toBeLessThan(1_000_000);
		const issue = await refusal(readImage(bomb));
		expect(issue).toMatchObject({ code: 'image_too_large', params: { maxMegapixels: 50 } });
		// Its time and memory (decoding would take 400 MB for the pixels alone) are measured in bench/memory.ts.
	});

	it.skipIf(canDecodeHeic)('recognises an iPhone HEIC photo but says it cannot read it yet', async () => {
		// A real HEIF container (sharp writes AVIF) labelled with the brands an iPhone writes.
		const avif = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#888' } })
			.avif()
			.toBuffer();
		const heic = Buffer.from(avif);
		heic.write('heic', 8, 'latin1');
		for (let i = 16; i < heic.readUInt32BE(0); i += 4) if (heic.toString('latin1', i, i + 4) === 'avif') heic.write('heic', i, 'latin1');
		expect(sniffImageFormat(heic)).toBe('heic');
		expect(await refusal(readImage(heic))).toMatchObject({ code: 'unsupported_image_format', params: { format: 'heic' } });
	});

	it('refuses SVG, TIFF and BMP as formats we do not accept', async () => {
		const svg = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
		const tiff = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } })
			.tiff()
			.toBuffer();
		const bmp = Buffer.alloc(70);
		bmp.write('BM', 0, 'latin1');
		bmp.writeUInt32LE(70, 2);
		bmp.writeUInt32LE(54, 10);
		bmp.writeUInt32LE(40, 14);
		for (const [format, bytes] of [
			['svg', svg],
			['tiff', tiff],
			['bmp', bmp]
		] as const) {
			expect(await refusal(readImage(bytes))).toMatchObject({ code: 'unsupported_image_format', params: { format } });
		}
	});

	it('answers any bytes, with or without an image signature in front, with a field issue and never a crash', async () => {
		const signatures = [
			[],
			[0xff, 0xd8, 0xff],
			[...Buffer.from('\x89PNG\r\n\x1a\n', 'latin1')],
			[...Buffer.from('GIF89a')],
			[...Buffer.from('RIFF\0\0\0\0WEBPVP8 ')],
			[0, 0, 0, 0x1c, ...Buffer.from('ftypavif\0\0\0\0avifmif1miaf')]
		];
		await fc.assert(
			fc.asyncProperty(fc.constantFrom(...signatures), fc.uint8Array({ maxLength: 512 }), async (signature, rest) => {
				const issue = await refusal(readImage(new Uint8Array([...signature, ...rest])));
				expect(['not_an_image', 'unsupported_image_format']).toContain(issue.code);
			}),
			{ numRuns: 150 }
		);
	});
});
