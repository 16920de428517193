import { Invalid } from '$core/errors';
import { fieldErrors } from '$core/i18n/field-errors';
import { listOrganisations } from '$core/partners';
import { listUsers } from '$core/auth';
import { pageError } from '$lib/server/problem';
import type { PageServerLoad } from './$types';

const FILTERS = ['organisationId', 'role', 'status', 'search'] as const;

export const load: PageServerLoad = async ({ locals, url }) => {
	const { db } = locals.core;
	const filter = Object.fromEntries(FILTERS.map((k) => [k, url.searchParams.get(k) ?? '']));
	try {
		const organisations = (await listOrganisations(db, locals.actor)).map((o) => ({ id: o.id, name: o.name }));
		try {
			return { organisations, filter, users: await listUsers(db, locals.actor, filter), errors: {} as Record<string, string> };
		} catch (err) {
			// A hand-edited filter in the address bar: show the form with the problem, not an error page.
			if (!(err instanceof Invalid)) throw err;
			return { organisations, filter, users: [], errors: fieldErrors(locals.locale, err.issues) };
		}
	} catch (err) {
		pageError(err, locals.locale);
	}
};
