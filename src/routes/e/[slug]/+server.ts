// The short link printed on a survey's poster: /e/<slug> opens the survey's open link (typed by hand, so any case).
import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params }) => {
	redirect(308, `/enquete/${encodeURIComponent(params.slug.toLowerCase())}`);
};
