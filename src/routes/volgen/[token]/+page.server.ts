// The resident's own tracking page, opened with the secret link: status, messages from the worker, their words and
// their photos, and a form to answer back (a message with a photo, or "this is not solved" on a resolution). A
// neighbour who said "me too" gets the signal's public summary, their own words, and writes as themselves. The link is
// the key, so the page is never cached by anyone but the resident's browser and sends no referrer (its forms then post
// with Origin: null, accepted on this page only: refusals.ts).
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { translate } from '$core/i18n';
import { intakeClientKey } from '$core/limits';
import { postReply, sayNotSolved, trackByToken, type ReplyAnswer } from '$core/signals';
import { formAction, pageLoad } from '$lib/server/handlers';
import type { FormErrors } from '$lib/server/problem';
import type { Actions, PageServerLoad } from './$types';

const DONE = { bericht: 'reply_sent', heropend: 'not_solved_sent' } as const;

export const load: PageServerLoad = pageLoad(async ({ locals, params, setHeaders, url }) => {
	setHeaders({ 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' });
	const view = await trackByToken(locals.core.db, locals.actor, params.token);
	const done = Object.entries(DONE).find(([word]) => url.searchParams.has(word))?.[1] ?? null;
	return {
		token: params.token,
		done,
		view: {
			joined: view.follower === 'joined',
			reference: view.reference,
			kind: view.kind,
			categoryName: view.categoryName,
			categoryNameFr: view.categoryNameFr,
			categoryNameEn: view.categoryNameEn,
			status: view.status,
			statusReason: view.statusReason,
			createdAt: view.createdAt,
			description: view.description,
			// For a "me too" only: where, as the area page names it, and what they wrote themselves.
			placeName: view.follower === 'joined' ? view.placeName : null,
			ownWords: view.ownWords,
			joinedAt: view.joinedAt,
			mergedIntoReference: view.mergedIntoReference,
			// What the resident reads: messages, status changes and their own replies; "created" is the first step already shown.
			events: view.events
				.filter((e) => e.kind === 'message' || e.kind === 'status' || e.kind === 'reply')
				.map((e) => ({ at: e.at, kind: e.kind, toStatus: e.toStatus, body: e.body, notSolved: !!e.notSolved, withPhoto: !!e.withPhoto })),
			canReply: view.canReply,
			canSayNotSolved: view.canSayNotSolved
		},
		photoIds: view.photoIds
	};
});

type Event = RequestEvent<{ token: string }>;

/** What every post of this page needs: the client's rate-limit key and the links' origin (from configuration). */
const replyOptions = (event: Event) => ({
	baseUrl: event.locals.core.config.origin,
	clientKey: intakeClientKey(event.getClientAddress()),
	limitPerHour: event.locals.core.config.intakeRateLimit
});

/** The answer of core as the page shows it: a 429 with the wait, or back to the page with what was done. */
function answered(event: Event, answer: ReplyAnswer, form: 'reply' | 'notSolved', done: keyof typeof DONE) {
	if (answer.limited) {
		event.setHeaders({ 'retry-after': String(answer.retryAfter) });
		return fail(429, {
			form,
			errors: {},
			message: translate(event.locals.locale, 'report.reply_limited', { minutes: Math.ceil(answer.retryAfter / 60) }),
			values: {}
		});
	}
	redirect(303, `/volgen/${event.params.token}?${done}#news-title`);
}

/** A failure shows next to the form it came from, with what was typed. */
const failedOn = (form: 'reply' | 'notSolved', field: 'body' | 'reason') => ({
	values: (f: Record<string, unknown>) => ({ [field]: String(f[field] ?? '').slice(0, 6000) }),
	shape: (data: FormErrors) => ({ ...data, form })
});

export const actions: Actions = {
	/** A message, with one photo at most, to the people who handle the signal. */
	reply: formAction(
		async (event, fields, data) => {
			const body = String(fields.body ?? '').slice(0, 6000);
			const file = data.get('photo');
			const photo = file && typeof file === 'object' && 'arrayBuffer' in file && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : null;
			const answer = await postReply(
				event.locals.core.db,
				event.locals.core.files,
				event.locals.actor,
				event.params.token,
				{ body, photo },
				replyOptions(event)
			);
			return answered(event, answer, 'reply', 'bericht');
		},
		failedOn('reply', 'body')
	),

	/** "This is not solved", with the reason: the signal reopens as the "is it solved?" answer reopens it. */
	notSolved: formAction(
		async (event, fields) => {
			const reason = String(fields.reason ?? '').slice(0, 6000);
			const answer = await sayNotSolved(event.locals.core.db, event.locals.actor, event.params.token, { reason }, replyOptions(event));
			return answered(event, answer, 'notSolved', 'heropend');
		},
		failedOn('notSolved', 'reason')
	)
};
