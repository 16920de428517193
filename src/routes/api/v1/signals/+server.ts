// A worker's signal or help request, registered on the intake form — at once when online, or from the phone's waiting
// list when the network is back. JSON, or multipart/form-data when it brings photos: the fields as JSON in the part
// `signal`, the photos as `photos` parts. The Idempotency-Key (made on the phone when the worker saved it) stores it
// once with its photos: 201 the first time, 200 with replayed: true after; the same key with another body or other
// photos is a 422 problem.
import { json } from '@sveltejs/kit';
import { Invalid } from '$core/errors';
import { registerSignalWithPhotos } from '$core/signals';
import { apiEndpoint } from '$lib/server/api';
import { readForm } from '$lib/server/form-body';
import type { RequestHandler } from './$types';

/** The signal's fields and its photos, from a JSON or a multipart body. */
async function readSignal(request: Request): Promise<{ fields: Record<string, unknown>; photos: Uint8Array[] }> {
	const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	if (type !== 'multipart/form-data') return { fields: (await request.json()) as Record<string, unknown>, photos: [] };
	const form = await readForm(request);
	const part = form.get('signal');
	if (part === null) throw Invalid.field('signal', 'required', 'A multipart body needs the part "signal" with the fields as JSON');
	const fields = JSON.parse(typeof part === 'string' ? part : await part.text()) as unknown;
	if (fields === null || typeof fields !== 'object' || Array.isArray(fields))
		throw Invalid.field('signal', 'invalid_input', 'The part "signal" must be a JSON object');
	const files = form.getAll('photos').filter((f): f is File => typeof f !== 'string');
	return { fields: fields as Record<string, unknown>, photos: await Promise.all(files.map(async (f) => new Uint8Array(await f.arrayBuffer()))) };
}

export const POST: RequestHandler = apiEndpoint(async ({ locals, request }) => {
	// Core checks the fields (staffIntakeInput) and the photos in one call; a bad one is a 422 problem naming the field.
	const { fields, photos } = await readSignal(request);
	const stored = await registerSignalWithPhotos(
		locals.core.db,
		locals.core.files,
		locals.actor,
		{ fields, photos, idempotencyKey: request.headers.get('idempotency-key') ?? undefined },
		{ baseUrl: locals.core.config.origin }
	);
	return json(
		{ id: stored.id, reference: stored.reference, replayed: stored.replayed, url: `/staff/signals/${stored.id}` },
		{ status: stored.replayed ? 200 : 201 }
	);
});
