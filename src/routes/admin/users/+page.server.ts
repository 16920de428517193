import { listOrganisations } from '$core/partners';
import { listUsers } from '$core/auth';
import { pageLoad, withFilterErrors } from '$lib/server/handlers';
import type { PageServerLoad } from './$types';

const FILTERS = ['organisationId', 'role', 'status', 'search'] as const;

export const load: PageServerLoad = pageLoad(async ({ locals, url }) => {
	const { db } = locals.core;
	const filter = Object.fromEntries(FILTERS.map((k) => [k, url.searchParams.get(k) ?? '']));
	const organisations = (await listOrganisations(db, locals.actor)).map((o) => ({ id: o.id, name: o.name }));
	// A hand-edited filter in the address bar: the form shows the problem, not an error page.
	const { result: users, errors } = await withFilterErrors(locals.locale, () => listUsers(db, locals.actor, filter), []);
	return { organisations, filter, users, errors };
});
