// Images made for tests and benches, with sharp or by hand: there are no binary fixtures.
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

/** A photo-like JPEG: smooth colour bands with sensor-like noise, so it compresses like a real photo. */
export async function phonePhoto(width: number, height: number, quality = 92): Promise<Buffer> {
	const raw = Buffer.alloc(width * height * 3);
	let seed = 7;
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			seed = (seed * 1103515245 + 12345) & 0x7fffffff;
			const noise = (seed / 0x7fffffff - 0.5) * 24;
			const i = (y * width + x) * 3;
			raw[i] = 128 + 100 * Math.sin(x / 150) + noise;
			raw[i + 1] = 128 + 90 * Math.cos(y / 120) + noise;
			raw[i + 2] = 128 + 80 * Math.sin((x + y) / 90) + noise;
		}
	}
	return sharp(raw, { raw: { width, height, channels: 3 } })
		.jpeg({ quality })
		.toBuffer();
}

/** A valid 1-bit PNG header and image data of width × height pixels, all black: tiny on disk, huge in memory. */
export function hugePng(width: number, height: number): Buffer {
	const chunk = (type: string, data: Buffer) => {
		const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
		const length = Buffer.alloc(4);
		length.writeUInt32BE(data.length);
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(crc32(body));
		return Buffer.concat([length, body, crc]);
	};
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 1; // bit depth
	header[9] = 0; // greyscale
	const rows = Buffer.alloc((1 + Math.ceil(width / 8)) * height); // filter byte 0 and black pixels on every row
	return Buffer.concat([
		Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(rows, { level: 9 })),
		chunk('IEND', Buffer.alloc(0))
	]);
}
