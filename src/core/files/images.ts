// Residents' photos: the bytes they send are never stored. We sniff the real format, refuse what is too big or not an
// image, and re-encode the pixels with sharp so no metadata (EXIF with GPS, XMP, IPTC, ICC) survives.
import { createHash } from 'node:crypto';
import sharp, { type Metadata, type Sharp } from 'sharp';
import { Invalid } from '../errors';
import { MAX_IMAGE_BYTES } from './limits';

export { MAX_IMAGE_BYTES };
/** A 50 MP phone mode (8160 × 6120) still fits; a "decompression bomb" of 20000 × 20000 does not. */
export const MAX_IMAGE_PIXELS = 50_000_000;
export const IMAGE_MAX_SIDE = 2048;
export const THUMBNAIL_MAX_SIDE = 320;

/** Formats we decode. The first bytes decide, never the file name or the declared MIME type. */
export type ReadableImageFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'avif';
/** Formats we recognise but do not accept (HEIC only while this sharp build cannot decode HEVC). */
export type RefusedImageFormat = 'heic' | 'tiff' | 'bmp' | 'svg';
export type SniffedFormat = ReadableImageFormat | RefusedImageFormat;

export type ImageMediaType = 'image/jpeg' | 'image/webp';

export type ProcessedImage = {
	/** Re-encoded, at most IMAGE_MAX_SIDE px on its longest side, without any metadata. */
	image: Buffer;
	/** Same format, at most THUMBNAIL_MAX_SIDE px on its longest side. */
	thumbnail: Buffer;
	mediaType: ImageMediaType;
	width: number;
	height: number;
	thumbnailWidth: number;
	thumbnailHeight: number;
	/** Size of `image` in bytes. */
	bytes: number;
	/** Hex SHA-256 of `image`. */
	sha256: string;
};

export type ReadImageOptions = {
	maxBytes?: number;
	maxPixels?: number;
	/** The form field the issue is reported on. */
	field?: string;
	/** mozjpeg costs ~0.25–0.35 s more per 12 MP photo on 2 cores (measured) and saves 30–40 % of the bytes. */
	mozjpeg?: boolean;
};

/** The name of the format sharp reports for each format we decode. */
const decoderName: Record<ReadableImageFormat, Metadata['format']> = {
	jpeg: 'jpeg',
	png: 'png',
	webp: 'webp',
	gif: 'gif',
	avif: 'heif'
};

// The prebuilt libvips decodes AV1 (AVIF) but not HEVC (patents); a libvips built with libde265 lists '.heic'.
export const canDecodeHeic = (sharp.format.heif?.input.fileSuffix ?? []).includes('.heic');

const heifBrands = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);
const bmpHeaderSizes = new Set([12, 40, 52, 56, 64, 108, 124]);

/** The image format the leading bytes announce, or null when they announce none we know. */
export function sniffImageFormat(bytes: Uint8Array): SniffedFormat | null {
	const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const text = (start: number, end: number) => b.toString('latin1', start, end);
	if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
	if (b.length >= 8 && text(0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
	if (b.length >= 6 && (text(0, 6) === 'GIF87a' || text(0, 6) === 'GIF89a')) return 'gif';
	if (b.length >= 12 && text(0, 4) === 'RIFF' && text(8, 12) === 'WEBP') return 'webp';
	if (b.length >= 16 && text(4, 8) === 'ftyp') {
		// ISO base media files (AVIF, HEIC, but also MP4 videos) name their kind in the brands of the `ftyp` box.
		const brands = [text(8, 12)];
		for (let i = 16; i + 4 <= Math.min(b.readUInt32BE(0), b.length, 256); i += 4) brands.push(text(i, i + 4));
		if (brands.some((brand) => brand === 'avif' || brand === 'avis')) return 'avif';
		if (brands.some((brand) => heifBrands.has(brand))) return 'heic';
		return null;
	}
	if (b.length >= 4 && (text(0, 4) === 'II*\0' || text(0, 4) === 'MM\0*')) return 'tiff';
	if (b.length >= 18 && text(0, 2) === 'BM' && bmpHeaderSizes.has(b.readUInt32LE(14))) return 'bmp';
	const head = text(0, Math.min(b.length, 1024))
		.replace(/^\xEF\xBB\xBF/, '')
		.trimStart();
	if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head)) return 'svg';
	return null;
}

function refuse(
	field: string,
	code: 'file_too_large' | 'image_too_large' | 'unsupported_image_format' | 'not_an_image',
	message: string,
	params?: Record<string, unknown>,
	cause?: unknown
): Invalid {
	const error = Invalid.field(field, code, message, params);
	if (cause !== undefined) error.cause = cause;
	return error;
}

/**
 * Checks and re-encodes an uploaded photo. Throws `Invalid` with one issue on `field` whose code is
 * `file_too_large` {maxMb}, `image_too_large` {maxMegapixels}, `unsupported_image_format` {format} or `not_an_image`.
 */
export async function readImage(bytes: Uint8Array, options: ReadImageOptions = {}): Promise<ProcessedImage> {
	const { maxBytes = MAX_IMAGE_BYTES, maxPixels = MAX_IMAGE_PIXELS, field = 'photo', mozjpeg = true } = options;
	if (bytes.byteLength > maxBytes) {
		const maxMb = Math.round((maxBytes / (1024 * 1024)) * 10) / 10;
		throw refuse(field, 'file_too_large', `The file is larger than ${maxMb} MB`, { maxMb });
	}
	const format = sniffImageFormat(bytes);
	if (format === null) throw refuse(field, 'not_an_image', 'The file is not an image');
	if (format === 'heic' && !canDecodeHeic) throw refuse(field, 'unsupported_image_format', 'HEIC photos cannot be read yet', { format });
	if (format === 'tiff' || format === 'bmp' || format === 'svg')
		throw refuse(field, 'unsupported_image_format', `${format.toUpperCase()} images are not accepted`, { format });

	const tooManyPixels = () => refuse(field, 'image_too_large', `The image has more than ${maxPixels / 1e6} megapixels`, { maxMegapixels: maxPixels / 1e6 });
	// failOn 'error' refuses truncated or corrupt pixel data but tolerates the harmless warnings some phones cause.
	const input = (): Sharp => sharp(bytes, { failOn: 'error', limitInputPixels: maxPixels, autoOrient: true });

	let metadata: Metadata;
	try {
		metadata = await input().metadata();
	} catch (error) {
		if (isPixelLimit(error)) throw tooManyPixels();
		throw refuse(field, 'not_an_image', 'The file is not a readable image', undefined, error);
	}
	const expected = format === 'heic' ? 'heif' : decoderName[format];
	if (metadata.format !== expected) throw refuse(field, 'not_an_image', 'The file is not a readable image');
	// The header is read without decoding pixels, so a bomb is refused before it costs memory.
	if (metadata.width * metadata.height > maxPixels) throw tooManyPixels();

	// Flattening transparency onto one colour loses what is drawn in that colour (white text on a transparent
	// screenshot vanishes on white); WebP keeps the alpha channel and every browser we support shows it.
	const mediaType: ImageMediaType = metadata.hasAlpha ? 'image/webp' : 'image/jpeg';
	const encode = (pipeline: Sharp): Sharp =>
		mediaType === 'image/webp' ? pipeline.webp({ quality: 80, alphaQuality: 90 }) : pipeline.jpeg({ quality: 80, mozjpeg });

	try {
		// No keepMetadata(): sharp converts to sRGB and writes no EXIF, XMP, IPTC or ICC profile.
		const main = await encode(input().resize({ width: IMAGE_MAX_SIDE, height: IMAGE_MAX_SIDE, fit: 'inside', withoutEnlargement: true })).toBuffer({
			resolveWithObject: true
		});
		// From the re-encoded image: decoding 2048 px is far cheaper than decoding the original again.
		const thumb = await encode(
			sharp(main.data).resize({ width: THUMBNAIL_MAX_SIDE, height: THUMBNAIL_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
		).toBuffer({ resolveWithObject: true });
		return {
			image: main.data,
			thumbnail: thumb.data,
			mediaType,
			width: main.info.width,
			height: main.info.height,
			thumbnailWidth: thumb.info.width,
			thumbnailHeight: thumb.info.height,
			bytes: main.data.length,
			sha256: createHash('sha256').update(main.data).digest('hex')
		};
	} catch (error) {
		if (isPixelLimit(error)) throw tooManyPixels();
		throw refuse(field, 'not_an_image', 'The file is not a readable image', undefined, error);
	}
}

function isPixelLimit(error: unknown): boolean {
	return error instanceof Error && /pixel limit/i.test(error.message);
}
