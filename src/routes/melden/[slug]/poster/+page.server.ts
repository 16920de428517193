// A printable A4 poster for the notice board: the QR code (SVG, made here) opens the short link of this place.
import QRCode from 'qrcode';
import { reportPlace } from '$core/signals';
import { pageLoad } from '$lib/server/handlers';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, params }) => {
	const place = await reportPlace(locals.core.db, locals.actor, params.slug);
	const shortLink = `${locals.core.config.origin}/m/${place.slug}`;
	// Medium error correction survives a creased or partly torn poster; the SVG holds no user text.
	const qr = await QRCode.toString(shortLink, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } });
	return { place, shortLink, qr };
});
