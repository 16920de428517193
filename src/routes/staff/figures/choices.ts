// The filter choices of the figures pages: areas (municipalities and the neighbourhoods in them), estates and
// categories, read through the areas and signals modules.
import type { Actor } from '$core/access';
import { listEstates } from '$core/areas';
import { listAreas } from '$core/areas';
import type { Db } from '$core/db';
import type { Locale } from '$core/i18n';
import { listCategories } from '$core/signals';

export type Choice = { id: string; name: string };

export async function figureChoices(db: Db, actor: Actor, locale: Locale): Promise<{ areas: Choice[]; estates: Choice[]; categories: Choice[] }> {
	const areas = (await listAreas(db, actor)).filter((a) => a.kind !== 'region');
	const estates: Choice[] = [];
	for (const a of areas.filter((x) => x.kind !== 'municipality')) {
		for (const e of await listEstates(db, actor, a.id)) estates.push({ id: e.id, name: e.name === a.name ? e.name : `${e.name} (${a.name})` });
	}
	const categories = await listCategories(db, { activeOnly: false });
	return {
		// Each municipality followed by the neighbourhoods in it.
		areas: areas
			.filter((a) => a.kind === 'municipality')
			.sort((x, y) => x.name.localeCompare(y.name))
			.flatMap((m) => [{ id: m.id, name: m.name }, ...areas.filter((a) => a.parent_id === m.id).map((a) => ({ id: a.id, name: `${m.name} › ${a.name}` }))]),
		estates: estates.sort((x, y) => x.name.localeCompare(y.name)),
		categories: categories.map((c) => ({ id: c.id, name: (locale === 'fr' ? c.name_fr : locale === 'en' ? c.name_en : null) ?? c.name }))
	};
}
