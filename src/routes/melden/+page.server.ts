// Report something: first choose your neighbourhood (the poster's QR code skips this step).
import { publicAreaDirectory } from '$core/areas/public';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const q = (url.searchParams.get('q') ?? '').slice(0, 100);
	const municipality = (url.searchParams.get('gemeente') ?? '').slice(0, 100);
	return { q, municipality, directory: await publicAreaDirectory(locals.core.db, locals.actor, { q, municipality }) };
};
