// The A4 poster of a survey's open link for the notice board: the QR code (SVG, made here) opens the link.
import QRCode from 'qrcode';
import { getSurvey } from '$core/surveys';
import { pageLoad } from '$lib/server/handlers';
import { shortLink } from '../../wording';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, params }) => {
	const survey = await getSurvey(locals.core.db, locals.actor, params.id);
	// The short link: fewer letters to type from the poster, and a QR code with fewer squares to read.
	const link = shortLink(locals.core.config.origin, survey.slug);
	// Medium error correction survives a creased or partly torn poster; the SVG holds no user text.
	const qr = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } });
	return {
		survey: {
			id: survey.id,
			title: survey.title,
			estates: survey.estates.map((e) => e.name),
			closesAt: survey.waves.find((w) => w.isOpen)?.closesAt ?? null
		},
		link,
		qr
	};
});
