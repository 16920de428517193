// A photo of the signal behind a partner link (the small version with ?klein); only while the link works.
import { error } from '@sveltejs/kit';
import { DomainError } from '$core/errors';
import { translate } from '$core/i18n';
import { partnerPhoto } from '$core/signals';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params, url }) => {
	const notFound = () => error(404, { message: translate(locals.locale, 'common.error_not_found') });
	let photo;
	try {
		photo = await partnerPhoto(locals.core.db, params.token, params.id);
	} catch (err) {
		if (err instanceof DomainError) notFound();
		throw err;
	}
	const key = url.searchParams.has('klein') ? (photo.thumbnailKey ?? photo.fileKey) : photo.fileKey;
	const bytes = await locals.core.files.get(key);
	if (!bytes) notFound();
	return new Response(new Uint8Array(bytes!), {
		headers: { 'content-type': photo.mediaType, 'cache-control': 'private, max-age=3600', 'x-content-type-options': 'nosniff', 'content-disposition': 'inline' }
	});
};
