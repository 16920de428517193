// The audit log search for coordinators and admins: by who, what (resource type and record), action and date,
// newest first, a page at a time (the next page starts before the last entry shown).
import { searchAudit } from '$core/access';
import { auditActors } from '$core/people';
import { pageLoad, withFilterErrors } from '$lib/server/handlers';
import type { PageServerLoad } from './$types';

const PAGE = 50;

export const load: PageServerLoad = pageLoad(async ({ locals, url }) => {
	const p = url.searchParams;
	const get = (k: string) => (p.get(k) ?? '').trim();
	const filters = { actor: get('actor'), resource: get('resource'), id: get('id'), action: get('action'), from: get('from'), to: get('to') };
	const before = get('before');
	const query = {
		actorId: filters.actor || undefined,
		resourceType: filters.resource || undefined,
		resourceId: filters.id || undefined,
		action: filters.action || undefined,
		from: filters.from || undefined,
		to: filters.to || undefined,
		before: before || undefined,
		limit: PAGE + 1
	};
	const actors = await auditActors(locals.core.db, locals.actor);
	const { result: entries, errors } = await withFilterErrors(locals.locale, () => searchAudit(locals.core.db, locals.actor, query), []);
	const more = entries.length > PAGE;
	const shown = entries.slice(0, PAGE);
	return {
		filters,
		errors,
		actors,
		paged: !!before,
		next: more ? shown[shown.length - 1].id : null,
		entries: shown.map((e) => ({
			id: e.id,
			at: e.at,
			actor: e.actor_label,
			action: e.action,
			resourceType: e.resource_type,
			resourceId: e.resource_id,
			summary: e.summary
		}))
	};
});
