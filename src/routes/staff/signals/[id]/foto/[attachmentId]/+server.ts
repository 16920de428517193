// A photo of a signal for staff who may read the signal: the full image, or with ?klein the thumbnail. Served from
// the FileStore, never cached by shared caches (a photo of someone's home is personal).
import { error } from '@sveltejs/kit';
import { translate } from '$core/i18n';
import { staffPhoto } from '$core/signals';
import { fileEndpoint } from '$lib/server/handlers';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = fileEndpoint(
	async ({ locals, params, url }) => {
		const { db, files } = locals.core;
		const photo = await staffPhoto(db, locals.actor, params.id, params.attachmentId);
		const key = url.searchParams.has('klein') && photo.thumbnailKey ? photo.thumbnailKey : photo.fileKey;
		const bytes = await files.get(key);
		if (!bytes) error(404, { message: translate(locals.locale, 'common.error_not_found') });
		return new Response(bytes as Uint8Array<ArrayBuffer>, {
			headers: {
				'content-type': photo.mediaType,
				'cache-control': 'private, max-age=3600',
				'x-content-type-options': 'nosniff',
				'content-disposition': 'inline'
			}
		});
	},
	{ as: 'page' }
);
