// One signal for staff: what was reported, where, photos, the timeline, and the forms to handle it (status, note or
// message to the reporter, assignee, category with the classifier's suggestion, merging duplicates). Reading a help
// request or contact details is audited by getSignal.
import { redirect } from '@sveltejs/kit';
import { Invalid } from '$core/errors';
import { NEEDS_REASON, TRANSITIONS, type StatusChangeInput } from '$core/signals/model';
import {
	addNote,
	assignSignal,
	assigneesFor,
	changeStatus,
	duplicateCandidates,
	getSignal,
	listCategories,
	mergedInto,
	mergeSignals,
	setCategory
} from '$core/signals';
import { formAction, pageLoad } from '$lib/server/handlers';
import { presentCategoryChoice } from '$lib/server/presenters/signals';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, params, url }) => {
	const { db } = locals.core;
	const view = await getSignal(db, locals.actor, params.id);
	const signal = view.signal!;
	const handle = view.can.handle && !signal.merged_into_id;
	const [categories, assignees, duplicates] = await Promise.all([
		listCategories(db),
		handle ? assigneesFor(db, locals.actor, params.id) : Promise.resolve([]),
		handle ? duplicateCandidates(db, locals.actor, params.id) : Promise.resolve([])
	]);
	const merged = signal.merged_into_id ? await mergedInto(db, locals.actor, params.id) : null;
	// The suggestion waits for a person until someone confirmed or changed the category.
	const categoryConfirmed = view.timeline.some((e) => e.kind === 'category');
	return {
		view,
		handle,
		transitions: TRANSITIONS[signal.status],
		categories: categories.map(presentCategoryChoice),
		assignees,
		duplicates,
		mergedInto: merged,
		categoryConfirmed,
		notice: noticeFrom(url.searchParams)
	};
});

const NOTICES = ['created', 'status', 'note', 'message', 'assigned', 'category', 'merged'] as const;
function noticeFrom(p: URLSearchParams): string | null {
	const done = p.get('klaar');
	return done && (NOTICES as readonly string[]).includes(done) ? `inbox.done_${done}` : null;
}

type Ctx = Parameters<Actions[string]>[0];
/** One handling form: the work, then back to the signal with a notice; a failure shows next to that form. */
type Notice = (typeof NOTICES)[number];
function act(
	done: Notice | ((values: Record<string, unknown>) => Notice),
	work: (event: Ctx, values: Record<string, unknown>, baseUrl: string) => Promise<unknown>
) {
	const which = (values: Record<string, unknown>) => (typeof done === 'string' ? done : done(values));
	return formAction(
		async (event: Ctx, values) => {
			await work(event, values, event.locals.core.config.origin);
			redirect(303, `/staff/signals/${event.params.id}?klaar=${which(values)}`);
		},
		{ values: (values) => ({ ...values, form: which(values) }) }
	);
}

export const actions: Actions = {
	status: act('status', async (event, v, baseUrl) => {
		// Said here in plain words: the schema's own check reaches the form only as a generic "custom" issue.
		if (NEEDS_REASON.includes(v.status as never) && !String(v.reason ?? '').trim())
			throw Invalid.field('reason', 'reason_required', 'Write the reason the reporter will read');
		return changeStatus(event.locals.core.db, event.locals.actor, event.params.id, v as StatusChangeInput, { baseUrl });
	}),
	// The redirect says which of the two was written; the form's radio decides.
	note: act(
		(v) => (v.toReporter === 'true' ? 'message' : 'note'),
		(event, v, baseUrl) =>
			addNote(event.locals.core.db, event.locals.actor, event.params.id, { body: String(v.body ?? ''), toReporter: v.toReporter === 'true' }, { baseUrl })
	),
	assign: act('assigned', (event, v, baseUrl) =>
		assignSignal(
			event.locals.core.db,
			event.locals.actor,
			event.params.id,
			typeof v.assigneeId === 'string' && v.assigneeId ? v.assigneeId.slice(0, 64) : null,
			{ baseUrl }
		)
	),
	category: act('category', (event, v, baseUrl) =>
		setCategory(event.locals.core.db, event.locals.actor, event.params.id, String(v.categoryId ?? '').slice(0, 64), {
			baseUrl,
			reroute: v.reroute === 'on' || v.reroute === 'true'
		})
	),
	merge: act('merged', (event, v) => mergeSignals(event.locals.core.db, event.locals.actor, { keepId: event.params.id, mergeId: String(v.mergeId ?? '') }))
};
