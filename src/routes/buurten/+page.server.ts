import { listPublicAreas } from '$core/areas/public';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const areas = await listPublicAreas(locals.core.db, locals.actor);
	// Grouped by municipality, in the order of the list (by municipality name, then area name).
	const groups: Array<{ municipality: string | null; areas: typeof areas }> = [];
	for (const area of areas) {
		const last = groups.at(-1);
		if (last && last.municipality === area.parentName) last.areas.push(area);
		else groups.push({ municipality: area.parentName, areas: [area] });
	}
	return { groups };
};
