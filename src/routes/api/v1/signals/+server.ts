// A worker's signal or help request, registered on the intake form and sent as JSON — at once when online, or from
// the phone's waiting list when the network is back. The Idempotency-Key (made on the phone when the worker saved it)
// stores it once: 201 the first time, 200 with replayed: true after; the same key with another body is a 422 problem.
import { json } from '@sveltejs/kit';
import { fingerprint } from '$core/idempotency';
import type { StaffIntakeInput } from '$core/signals/model';
import { registerSignal } from '$core/signals/service';
import { apiEndpoint } from '$lib/server/api';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = apiEndpoint(async ({ locals, request }) => {
	// Core validates the body (staffIntakeInput); a malformed one is a 422 problem naming the field.
	const body = { ...((await request.json()) as Record<string, unknown>), idempotencyKey: undefined };
	const key = request.headers.get('idempotency-key') ?? undefined;
	const stored = await registerSignal(locals.core.db, locals.actor, { ...body, idempotencyKey: key } as StaffIntakeInput, {
		baseUrl: locals.core.config.origin,
		idempotencyFingerprint: key ? fingerprint(body) : undefined
	});
	return json({ id: stored.id, reference: stored.reference, replayed: stored.replayed, url: `/staff/signals/${stored.id}` }, { status: stored.replayed ? 200 : 201 });
});
