// The municipalities an organisation can work in: the choice list of the organisation form, from the areas module.
import { listAreas } from '$core/areas';

export async function municipalityChoices(locals: App.Locals): Promise<Array<{ id: string; name: string }>> {
	return (await listAreas(locals.core.db, locals.actor, { kind: 'municipality' })).map((a) => ({ id: a.id, name: a.name }));
}
