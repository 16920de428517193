import { publicAreaDirectory } from '$core/areas';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const q = url.searchParams.get('q') ?? '';
	const municipality = url.searchParams.get('gemeente') ?? '';
	return { q, municipality, directory: await publicAreaDirectory(locals.core.db, locals.actor, { q, municipality }) };
};
