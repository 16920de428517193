// Answer sets a worker took on the tablet, sent when the network is back. The submission id made on the tablet makes a
// resend (the first answer got lost) store nothing new: 201 the first time, 200 with replayed: true after that.
import { json } from '@sveltejs/kit';
import { submitTabletAnswerSet, type TabletAnswerSet } from '$core/surveys';
import { apiEndpoint } from '$lib/server/api';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = apiEndpoint(async ({ locals, params, request }) => {
	// Core validates the body (tabletAnswerSet); a malformed one is a 422 problem naming the field.
	const body = (await request.json()) as TabletAnswerSet;
	const stored = await submitTabletAnswerSet(locals.core.db, locals.actor, params.id, body);
	const answer = {
		submissionId: body.submissionId,
		responseId: stored.responseId,
		replayed: stored.replayed,
		channel: stored.channel,
		waveId: stored.waveId,
		estateId: stored.estateId
	};
	return json(answer, { status: stored.replayed ? 200 : 201 });
});
