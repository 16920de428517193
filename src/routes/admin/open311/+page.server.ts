import { issueOpen311Client, listOpen311Clients, revokeOpen311Client, type Open311ClientInput } from '$core/signals';
import { NotFound } from '$core/errors';
import { askFirst, confirmed } from '$lib/server/confirmation';
import { pageLoad, formAction } from '$lib/server/handlers';
import { field } from '../forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals }) => {
	return { clients: await listOpen311Clients(locals.core.db, locals.actor), endpoint: `${locals.core.config.origin}/open311/v2` };
});

export const actions: Actions = {
	/** The key is in this one answer only: it is not stored, so it cannot be shown again. */
	issue: formAction(
		async ({ locals }, form) => {
			// A fixed key is for demo data only: whatever the form says, staff get a random one.
			const input: Open311ClientInput = { name: field(form, 'name'), contactEmail: field(form, 'contactEmail') };
			const { client, key } = await issueOpen311Client(locals.core.db, locals.actor, input);
			return { issued: { name: client.name, key } };
		},
		{ scope: 'issue' }
	),
	revoke: formAction(
		async (event, form) => {
			const { locals } = event;
			if (!confirmed(form)) {
				const client = (await listOpen311Clients(locals.core.db, locals.actor)).find((c) => c.id === field(form, 'id') && !c.revokedAt);
				if (!client) throw new NotFound('open311-client', field(form, 'id'));
				return askFirst(event, form, { kind: 'revoke_open311_key', params: { name: client.name }, verb: 'revoke' });
			}
			const client = await revokeOpen311Client(locals.core.db, locals.actor, field(form, 'id'));
			return { revoked: client.name };
		},
		{ scope: 'revoke' }
	)
};
