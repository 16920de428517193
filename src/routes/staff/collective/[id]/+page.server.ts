// One collective issue: its figures, its signals (reference, category, date, status; no personal data), the CSV; after
// the talk it is closed with its outcome, and reopened when the agreement is not kept.
import { redirect } from '@sveltejs/kit';
import { addSignalsToCollective, closeCollectiveIssue, getCollectiveIssue, removeSignalsFromCollective, reopenCollectiveIssue } from '$core/signals';
import { readForm } from '$lib/server/form-body';
import { formFailure, formObject, pageError } from '$lib/server/problem';
import type { Actions, PageServerLoad } from './$types';

/** The notice after a redirect, from the address bar (Dutch words, like the other staff pages). */
const NOTICES = { afgesloten: 'figures.collective_closed_notice', heropend: 'figures.collective_reopened_notice' } as const;

export const load: PageServerLoad = async ({ locals, params, url }) => {
	try {
		const notice = (Object.keys(NOTICES) as Array<keyof typeof NOTICES>).find((k) => url.searchParams.has(k));
		return { view: await getCollectiveIssue(locals.core.db, locals.actor, params.id), notice: notice ? NOTICES[notice] : null };
	} catch (err) {
		pageError(err, locals.locale);
	}
};

export const actions: Actions = {
	/** Taking a signal out asks nothing: the page answers with an undo button that puts it back (issue 12, point 8). */
	remove: async ({ locals, params, request }) => {
		const form = await formObject(request);
		const signalId = String(form.signalId ?? '');
		try {
			await removeSignalsFromCollective(locals.core.db, locals.actor, params.id, [signalId]);
		} catch (err) {
			return formFailure(err, locals.locale);
		}
		return { removed: signalId };
	},
	undoRemove: async ({ locals, params, request }) => {
		const form = await formObject(request);
		try {
			await addSignalsToCollective(locals.core.db, locals.actor, params.id, [String(form.signalId ?? '')]);
		} catch (err) {
			return formFailure(err, locals.locale);
		}
		return { undone: true };
	},
	close: async ({ locals, params, request }) => {
		const form = await formObject(request);
		try {
			await closeCollectiveIssue(locals.core.db, locals.actor, params.id, { outcome: form.outcome as string });
		} catch (err) {
			return formFailure(err, locals.locale, { outcome: form.outcome });
		}
		redirect(303, `/staff/collective/${params.id}?afgesloten`);
	},
	reopen: async ({ locals, params, request }) => {
		await readForm(request); // a button without fields: still only a well-formed post acts
		try {
			await reopenCollectiveIssue(locals.core.db, locals.actor, params.id);
		} catch (err) {
			return formFailure(err, locals.locale);
		}
		redirect(303, `/staff/collective/${params.id}?heropend`);
	}
};
