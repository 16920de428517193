// A photo of the signal behind a partner link (the small version with ?klein); only while the link works.
import { error } from '@sveltejs/kit';
import { translate } from '$core/i18n';
import { partnerPhoto } from '$core/signals';
import { fileEndpoint } from '$lib/server/handlers';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = fileEndpoint(
	async ({ locals, params, url }) => {
		const notFound = () => error(404, { message: translate(locals.locale, 'common.error_not_found') });
		const photo = await partnerPhoto(locals.core.db, params.token, params.id);
		const key = url.searchParams.has('klein') ? (photo.thumbnailKey ?? photo.fileKey) : photo.fileKey;
		const bytes = await locals.core.files.get(key);
		if (!bytes) notFound();
		return new Response(new Uint8Array(bytes!), {
			headers: {
				'content-type': photo.mediaType,
				'cache-control': 'private, max-age=3600',
				'x-content-type-options': 'nosniff',
				'content-disposition': 'inline'
			}
		});
	},
	{ as: 'not-found' }
);
