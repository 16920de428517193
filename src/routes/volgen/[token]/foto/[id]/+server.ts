// A photo of the resident's own report, behind their tracking link: the small version with ?klein. Private cache only.
import { error } from '@sveltejs/kit';
import { translate } from '$core/i18n';
import { trackingPhoto } from '$core/signals';
import { fileEndpoint } from '$lib/server/handlers';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = fileEndpoint(
	async ({ locals, params, url }) => {
		const notFound = () => error(404, { message: translate(locals.locale, 'common.error_not_found') });
		const photo = await trackingPhoto(locals.core.db, locals.actor, params.token, params.id);
		const key = url.searchParams.has('klein') ? (photo.thumbnailKey ?? photo.fileKey) : photo.fileKey;
		const bytes = await locals.core.files.get(key);
		if (!bytes) notFound();
		return new Response(new Uint8Array(bytes!), {
			headers: {
				'content-type': photo.mediaType,
				'cache-control': 'private, max-age=86400',
				'x-content-type-options': 'nosniff',
				'content-disposition': 'inline'
			}
		});
	},
	{ as: 'not-found' }
);
