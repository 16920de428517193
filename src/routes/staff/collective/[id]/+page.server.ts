// One collective issue: its figures, its signals (reference, category, date, status; no personal data), the CSV; after
// the talk it is closed with its outcome, and reopened when the agreement is not kept.
import { redirect } from '@sveltejs/kit';
import { addSignalsToCollective, closeCollectiveIssue, getCollectiveIssue, removeSignalsFromCollective, reopenCollectiveIssue } from '$core/signals';
import { pageLoad, formAction } from '$lib/server/handlers';
import type { Actions, PageServerLoad } from './$types';

/** The notice after a redirect, from the address bar (Dutch words, like the other staff pages). */
const NOTICES = { afgesloten: 'figures.collective_closed_notice', heropend: 'figures.collective_reopened_notice' } as const;

export const load: PageServerLoad = pageLoad(async ({ locals, params, url }) => {
	const notice = (Object.keys(NOTICES) as Array<keyof typeof NOTICES>).find((k) => url.searchParams.has(k));
	return { view: await getCollectiveIssue(locals.core.db, locals.actor, params.id), notice: notice ? NOTICES[notice] : null };
});

export const actions: Actions = {
	/** Taking a signal out asks nothing: the page answers with an undo button that puts it back (issue 12, point 8). */
	remove: formAction(
		async ({ locals, params }, form) => {
			const signalId = String(form.signalId ?? '');
			await removeSignalsFromCollective(locals.core.db, locals.actor, params.id, [signalId]);
			return { removed: signalId };
		},
		{ values: () => undefined }
	),
	undoRemove: formAction(
		async ({ locals, params }, form) => {
			await addSignalsToCollective(locals.core.db, locals.actor, params.id, [String(form.signalId ?? '')]);
			return { undone: true };
		},
		{ values: () => undefined }
	),
	close: formAction(
		async ({ locals, params }, form) => {
			await closeCollectiveIssue(locals.core.db, locals.actor, params.id, { outcome: form.outcome as string });
			redirect(303, `/staff/collective/${params.id}?afgesloten`);
		},
		{ values: (form) => ({ outcome: form.outcome }) }
	),
	reopen: formAction(
		async ({ locals, params }) => {
			await reopenCollectiveIssue(locals.core.db, locals.actor, params.id);
			redirect(303, `/staff/collective/${params.id}?heropend`);
		},
		{ values: () => undefined }
	)
};
