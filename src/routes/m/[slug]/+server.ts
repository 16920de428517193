// The short link printed under a poster's QR code: /m/<slug> opens the report form of that area or estate.
import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params }) => {
	redirect(308, `/melden/${encodeURIComponent(params.slug.toLowerCase())}`);
};
