// A photo of a signal for staff who may read the signal: the full image, or with ?klein the thumbnail. Served from
// the FileStore, never cached by shared caches (a photo of someone's home is personal).
import { error } from '@sveltejs/kit';
import { DomainError } from '$core/errors';
import { translate } from '$core/i18n';
import { loadForAction } from '$core/signals/service';
import { pageError } from '$lib/server/problem';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params, url }) => {
	const { db, files } = locals.core;
	let row: { file_key: string; thumbnail_key: string | null; media_type: string } | undefined;
	try {
		await loadForAction(db, locals.actor, params.id.slice(0, 64), 'read');
		row = await db.selectFrom('signal_attachments').select(['file_key', 'thumbnail_key', 'media_type']).where('id', '=', params.attachmentId.slice(0, 64)).where('signal_id', '=', params.id.slice(0, 64)).executeTakeFirst();
	} catch (err) {
		if (err instanceof DomainError) pageError(err, locals.locale);
		throw err;
	}
	if (!row) error(404, { message: translate(locals.locale, 'common.error_not_found') });
	const key = url.searchParams.has('klein') && row.thumbnail_key ? row.thumbnail_key : row.file_key;
	const bytes = await files.get(key);
	if (!bytes) error(404, { message: translate(locals.locale, 'common.error_not_found') });
	return new Response(bytes as Uint8Array<ArrayBuffer>, {
		headers: { 'content-type': row.media_type, 'cache-control': 'private, max-age=3600', 'x-content-type-options': 'nosniff', 'content-disposition': 'inline' }
	});
};
