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
import { readForm } from '$lib/server/form-body';
import { formFailure, formObject, pageError } from '$lib/server/problem';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { db } = locals.core;
	try {
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
			categories: categories.map((c) => ({ id: c.id, name: c.name, nameFr: c.name_fr, nameEn: c.name_en, kind: c.kind, isActive: c.is_active })),
			assignees,
			duplicates,
			mergedInto: merged,
			categoryConfirmed,
			notice: noticeFrom(url.searchParams)
		};
	} catch (err) {
		pageError(err, locals.locale);
	}
};

const NOTICES = ['created', 'status', 'note', 'message', 'assigned', 'category', 'merged'] as const;
function noticeFrom(p: URLSearchParams): string | null {
	const done = p.get('klaar');
	return done && (NOTICES as readonly string[]).includes(done) ? `inbox.done_${done}` : null;
}

type Ctx = Parameters<Actions[string]>[0];
async function act(event: Ctx, done: (typeof NOTICES)[number], work: (values: Record<string, unknown>, baseUrl: string) => Promise<unknown>) {
	const { request, locals, params } = event;
	const values = await formObject(request);
	try {
		await work(values, locals.core.config.origin);
	} catch (err) {
		return formFailure(err, locals.locale, { ...values, form: done });
	}
	redirect(303, `/staff/signals/${params.id}?klaar=${done}`);
}

export const actions: Actions = {
	status: (event) =>
		act(event, 'status', async (v, baseUrl) => {
			// Said here in plain words: the schema's own check reaches the form only as a generic "custom" issue.
			if (NEEDS_REASON.includes(v.status as never) && !String(v.reason ?? '').trim())
				throw Invalid.field('reason', 'reason_required', 'Write the reason the reporter will read');
			return changeStatus(event.locals.core.db, event.locals.actor, event.params.id, v as StatusChangeInput, { baseUrl });
		}),
	note: async (event) => {
		// The redirect says which of the two was written; the form's radio decides.
		const values = await readForm(event.request.clone());
		const toReporter = values.get('toReporter') === 'true';
		return act(event, toReporter ? 'message' : 'note', (v, baseUrl) =>
			addNote(event.locals.core.db, event.locals.actor, event.params.id, { body: String(v.body ?? ''), toReporter }, { baseUrl })
		);
	},
	assign: (event) =>
		act(event, 'assigned', (v, baseUrl) =>
			assignSignal(
				event.locals.core.db,
				event.locals.actor,
				event.params.id,
				typeof v.assigneeId === 'string' && v.assigneeId ? v.assigneeId.slice(0, 64) : null,
				{ baseUrl }
			)
		),
	category: (event) =>
		act(event, 'category', (v, baseUrl) =>
			setCategory(event.locals.core.db, event.locals.actor, event.params.id, String(v.categoryId ?? '').slice(0, 64), {
				baseUrl,
				reroute: v.reroute === 'on' || v.reroute === 'true'
			})
		),
	merge: (event) =>
		act(event, 'merged', (v) => mergeSignals(event.locals.core.db, event.locals.actor, { keepId: event.params.id, mergeId: String(v.mergeId ?? '') }))
};
