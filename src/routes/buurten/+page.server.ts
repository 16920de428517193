import { listPublicAreas } from '$core/areas/public';
import { groupByMunicipality } from '$lib/area-groups';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({ groups: groupByMunicipality(await listPublicAreas(locals.core.db, locals.actor)) });
