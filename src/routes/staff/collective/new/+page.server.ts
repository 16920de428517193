// A new collective issue from a filter (usually coming from the figures page): which signals, then a title.
import { createCollectiveFromSelection, selectForBundle, SELECTIONS } from '$core/signals';
import { formAction, pageLoad, withFilterErrors } from '$lib/server/handlers';
import { redirect } from '@sveltejs/kit';
import { figureChoices } from '../../figures/choices';
import type { Actions, PageServerLoad } from './$types';

const KEYS = ['areaId', 'estateId', 'categoryId', 'from', 'to', 'which'] as const;

export const load: PageServerLoad = pageLoad(async ({ locals, url }) => {
	const { db } = locals.core;
	const filters = Object.fromEntries(KEYS.map((k) => [k, (url.searchParams.get(k) ?? '').trim()])) as Record<(typeof KEYS)[number], string>;
	if (!(SELECTIONS as readonly string[]).includes(filters.which)) filters.which = 'overdue';
	const choices = await figureChoices(db, locals.actor, locals.locale);
	const { result: count, errors } = await withFilterErrors(
		locals.locale,
		async (): Promise<number | null> => (await selectForBundle(db, locals.actor, filters as never)).length,
		null
	);
	return { filters, choices, count, loadErrors: errors };
});

export const actions: Actions = {
	default: formAction(async ({ locals }, form) => {
		const id = (await createCollectiveFromSelection(locals.core.db, locals.actor, form as never)).id;
		redirect(303, `/staff/collective/${id}`);
	})
};
