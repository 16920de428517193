// A photo of a signal for staff who may read the signal: the full image, or with ?klein the thumbnail. Served from
// the FileStore, never cached by shared caches (a photo of someone's home is personal).
import { error } from '@sveltejs/kit';
import { DomainError } from '$core/errors';
import { translate } from '$core/i18n';
import { staffPhoto } from '$core/signals';
import { pageError } from '$lib/server/problem';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params, url }) => {
	const { db, files } = locals.core;
	let photo: { fileKey: string; thumbnailKey: string | null; mediaType: string };
	try {
		photo = await staffPhoto(db, locals.actor, params.id, params.attachmentId);
	} catch (err) {
		if (err instanceof DomainError) pageError(err, locals.locale);
		throw err;
	}
	const key = url.searchParams.has('klein') && photo.thumbnailKey ? photo.thumbnailKey : photo.fileKey;
	const bytes = await files.get(key);
	if (!bytes) error(404, { message: translate(locals.locale, 'common.error_not_found') });
	return new Response(bytes as Uint8Array<ArrayBuffer>, {
		headers: { 'content-type': photo.mediaType, 'cache-control': 'private, max-age=3600', 'x-content-type-options': 'nosniff', 'content-disposition': 'inline' }
	});
};
