// A new collective issue from a filter (usually coming from the figures page): which signals, then a title.
import { Invalid } from '$core/errors';
import { fieldErrors } from '$core/i18n/field-errors';
import { createCollectiveFromSelection, selectForBundle, SELECTIONS } from '$core/signals';
import { formFailure, formObject, pageError } from '$lib/server/problem';
import { redirect } from '@sveltejs/kit';
import { figureChoices } from '../../figures/choices';
import type { Actions, PageServerLoad } from './$types';

const KEYS = ['areaId', 'estateId', 'categoryId', 'from', 'to', 'which'] as const;

export const load: PageServerLoad = async ({ locals, url }) => {
	const { db } = locals.core;
	const filters = Object.fromEntries(KEYS.map((k) => [k, (url.searchParams.get(k) ?? '').trim()])) as Record<(typeof KEYS)[number], string>;
	if (!(SELECTIONS as readonly string[]).includes(filters.which)) filters.which = 'overdue';
	try {
		const choices = await figureChoices(db, locals.actor, locals.locale);
		let count: number | null = null;
		let errors: Record<string, string> = {};
		try {
			count = (await selectForBundle(db, locals.actor, filters as never)).length;
		} catch (err) {
			if (!(err instanceof Invalid)) throw err;
			errors = fieldErrors(locals.locale, err.issues);
		}
		return { filters, choices, count, loadErrors: errors };
	} catch (err) {
		pageError(err, locals.locale);
	}
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const form = await formObject(request);
		let id: string;
		try {
			id = (await createCollectiveFromSelection(locals.core.db, locals.actor, form as never)).id;
		} catch (err) {
			return formFailure(err, locals.locale, form);
		}
		redirect(303, `/staff/collective/${id}`);
	}
};
