// The inbox: the signals of the reader's organisation (and referred to it), filtered by a GET form, sorted by
// deadline, with status tabs and bulk actions in one POST form around the list (works without JavaScript).
import { redirect } from '@sveltejs/kit';
import { isStaff } from '$core/access';
import { listTeams } from '$core/partners';
import { placeChoices } from '$core/people';
import { bulkAction, colleagues, inbox, inboxStatusCounts, listCategories, type BulkInput } from '$core/signals';
import { pageLoad, formAction } from '$lib/server/handlers';
import { presentCategoryChoice, presentInboxPage } from '$lib/server/presenters/signals';
import { inboxHref, readInboxQuery } from './filters';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 50;

export const load: PageServerLoad = pageLoad(async ({ locals, url }) => {
	const { db } = locals.core;
	const f = readInboxQuery(url.searchParams);
	const filter = {
		status: f.status,
		categoryId: f.category,
		areaId: f.area,
		teamId: f.team,
		overdue: f.overdue,
		mine: f.mine,
		unassigned: f.unassigned,
		reopened: f.reopened,
		replied: f.replied,
		q: f.q,
		page: f.page,
		pageSize: PAGE_SIZE
	};
	const [result, counts, categories, places, people, teams] = await Promise.all([
		inbox(db, locals.actor, filter),
		inboxStatusCounts(db, locals.actor, filter),
		listCategories(db),
		placeChoices(db, locals.actor),
		colleagues(db, locals.actor),
		isStaff(locals.actor) && locals.actor.organisationId ? listTeams(db, locals.actor, locals.actor.organisationId) : Promise.resolve([])
	]);
	const changed = Number.parseInt(url.searchParams.get('changed') ?? '', 10);
	return {
		filters: f,
		list: presentInboxPage(result, new Date()),
		counts,
		categories: categories.map(presentCategoryChoice),
		areas: places.areas,
		teams: teams.map((t) => ({ id: t.id, name: t.name })),
		colleagues: people,
		changed: Number.isFinite(changed) && changed > 0 ? changed : null
	};
});

export const actions: Actions = {
	bulk: formAction(async ({ locals }, values) => {
		const back = readInboxQuery(new URLSearchParams(String(values.back ?? '')));
		const result = await bulkAction(locals.core.db, locals.actor, values as BulkInput, { baseUrl: locals.core.config.origin });
		const changed = result.changed;
		const to = inboxHref(back);
		redirect(303, `${to}${to.includes('?') ? '&' : '?'}changed=${changed}`);
	})
};
