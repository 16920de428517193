// The residents list: search by name, neighbourhood or estate, a page at a time. Names only (no individual read);
// the people policy decides which residents a partner sees.
import { can } from '$core/access';
import { listResidents } from '$core/people';
import { importableHousingCompanies } from '$core/people';
import { placeChoices } from '$core/people';
import { pageLoad } from '$lib/server/handlers';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, url }) => {
	const p = url.searchParams;
	const filters = { q: p.get('q') ?? '', areaId: p.get('area') ?? '', estateId: p.get('estate') ?? '' };
	const page = Math.max(1, Number.parseInt(p.get('page') ?? '1', 10) || 1);
	const [result, places, importable] = await Promise.all([
		listResidents(locals.core.db, locals.actor, {
			q: filters.q,
			areaId: isUuid(filters.areaId) ? filters.areaId : '',
			estateId: isUuid(filters.estateId) ? filters.estateId : '',
			page,
			pageSize: 25
		}),
		placeChoices(locals.core.db, locals.actor, { inReach: true }),
		importableHousingCompanies(locals.core.db, locals.actor)
	]);
	return {
		filters,
		result,
		pages: Math.max(1, Math.ceil(result.total / result.pageSize)),
		areas: places.areas,
		estates: places.estates,
		canCreate: can(locals.actor, 'create', 'resident'),
		canCreateHousehold: can(locals.actor, 'create', 'household'),
		canImport: importable.length > 0
	};
});

const isUuid = (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);
