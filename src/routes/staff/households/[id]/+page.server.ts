// One household: its dwelling, tenancy dates and members. Opening it is an individual read (audited by getHousehold).
import { can } from '$core/access';
import { getHousehold } from '$core/people';
import { pageLoad } from '$lib/server/handlers';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, params, url }) => {
	const view = await getHousehold(locals.core.db, locals.actor, params.id);
	return {
		view,
		canAddMember: can(locals.actor, 'create', 'resident'),
		notice: url.searchParams.has('created') ? 'people.created_household' : url.searchParams.has('saved') ? 'people.saved' : null
	};
});
