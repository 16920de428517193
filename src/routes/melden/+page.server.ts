// Report something: first say where you live — an address, a postcode or a town (posted, so it stays out of the
// address bar and the logs), the browser's location (with JavaScript), or a neighbourhood from the list. The poster's
// QR code skips this step.
import { fail, redirect } from '@sveltejs/kit';
import { findNeighbourhoods } from '$core/areas';
import { areaAt } from '$core/areas';
import { LOCAL_AREA_KINDS } from '$core/areas/model';
import { publicAreaDirectory } from '$core/areas';
import { translate } from '$core/i18n';
import { readForm } from '$lib/server/form-body';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const q = (url.searchParams.get('q') ?? '').slice(0, 100);
	const municipality = (url.searchParams.get('gemeente') ?? '').slice(0, 100);
	return { q, municipality, directory: await publicAreaDirectory(locals.core.db, locals.actor, { q, municipality }) };
};

const LOCAL = new Set<string>(LOCAL_AREA_KINDS);

export const actions: Actions = {
	adres: async ({ locals, request }) => {
		const text = String((await readForm(request)).get('adres') ?? '')
			.trim()
			.slice(0, 200);
		if (!text) return fail(400, { where: text, error: translate(locals.locale, 'front.find_empty') });
		return { where: text, matches: await findNeighbourhoods(locals.core.db, locals.actor, text) };
	},
	plaats: async ({ locals, request }) => {
		const form = await readForm(request);
		const lon = Number(form.get('lon'));
		const lat = Number(form.get('lat'));
		const area = Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90 ? await areaAt(locals.core.db, lon, lat) : null;
		if (area && LOCAL.has(area.kind)) redirect(303, `/melden/${area.slug}`);
		return { located: false as const };
	}
};
