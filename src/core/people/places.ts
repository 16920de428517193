// The few facts about places the people module shows next to a person: a dwelling's address and estate, the
// dwellings and estates to pick from in forms, and an area with the areas inside it for the residents filter.
// Places are not personal data; these reads only serve the people pages (the areas module owns the places).
import type { ExpressionBuilder } from 'kysely';
import type { Actor, StaffActor } from '../access';
import { authorize } from '../access/index';
import { areaAndBelow, insideAreas, placeOfDwelling, type DwellingPlace } from '../areas';
import type { Db } from '../db';
import type { Database } from '../db';

export type DwellingAddress = {
	id: string;
	street: string;
	houseNumber: string;
	box: string | null;
	postalCode: string;
	externalRef: string | null;
	estate: { id: string; name: string; slug: string; housingCompanyId: string | null };
};

export async function dwellingAddress(db: Db, dwellingId: string): Promise<DwellingAddress | null> {
	const place = await placeOfDwelling(db, dwellingId);
	if (!place) return null;
	return {
		id: place.dwellingId,
		street: place.street,
		houseNumber: place.houseNumber,
		box: place.box,
		postalCode: place.postalCode,
		externalRef: place.externalRef,
		estate: { id: place.estateId, name: place.estateName, slug: place.estateSlug, housingCompanyId: place.housingCompanyId }
	};
}

/** The household a resident belongs to (null without one), or undefined when there is no such resident. */
export async function householdOfResident(db: Db, residentId: string): Promise<string | null | undefined> {
	const resident = await db.selectFrom('residents').select('household_id').where('id', '=', residentId).executeTakeFirst();
	return resident ? resident.household_id : undefined;
}

/** A household's home: its dwelling and the dwelling's place (null without a dwelling), or null when there is no such household. */
export async function homeOfHousehold(
	db: Db,
	householdId: string
): Promise<{ householdId: string; dwellingId: string | null; place: DwellingPlace | null } | null> {
	const household = await db.selectFrom('households').select(['id', 'dwelling_id']).where('id', '=', householdId).executeTakeFirst();
	if (!household) return null;
	return {
		householdId: household.id,
		dwellingId: household.dwelling_id,
		place: household.dwelling_id ? await placeOfDwelling(db, household.dwelling_id) : null
	};
}

/** The area and every area below it: the areas module's one walk down the tree, under the name this module's search uses. */
export const areaAndDescendants = areaAndBelow;

export type EstateChoice = { id: string; name: string; slug: string; areaId: string; areaName: string; housingCompanyId: string | null };
export type AreaChoice = { id: string; name: string; kind: string };

/** Estates a staff member works in: inside a working area of their organisation, or let by it. */
const estateInReach = (actor: StaffActor) => (eb: ExpressionBuilder<Database & { e: Database['estates'] }, 'e'>) =>
	eb.or([insideAreas('e.area_id', actor.reach.areaIds), eb('e.housing_company_id', '=', actor.organisationId ?? '')]);

/**
 * Estates and areas for filters and forms. With `inReach`, only where the staff member's organisation works: the
 * places a survey, a signal or a household can be put in by them.
 */
export async function placeChoices(db: Db, actor: Actor, options: { inReach?: boolean } = {}): Promise<{ estates: EstateChoice[]; areas: AreaChoice[] }> {
	authorize(actor, 'list', 'estate');
	const limit = options.inReach && actor.kind === 'staff' ? actor : null;
	const estates = await db
		.selectFrom('estates as e')
		.innerJoin('areas as a', 'a.id', 'e.area_id')
		.select(['e.id', 'e.name', 'e.slug', 'e.area_id', 'a.name as area_name', 'e.housing_company_id'])
		.$if(!!limit, (q) => q.where(estateInReach(limit!)))
		.orderBy('e.name')
		.execute();
	const areas = await db
		.selectFrom('areas')
		.select(['id', 'name', 'kind'])
		.where('kind', '!=', 'region')
		.$if(!!limit, (q) => q.where(insideAreas('id', limit!.reach.areaIds)))
		.orderBy('name')
		.execute();
	return {
		estates: estates.map((e) => ({ id: e.id, name: e.name, slug: e.slug, areaId: e.area_id, areaName: e.area_name, housingCompanyId: e.housing_company_id })),
		areas
	};
}

export type DwellingChoice = { id: string; street: string; houseNumber: string; box: string | null; externalRef: string | null; estateName: string };

/** Dwellings to pick for a household's tenancy, grouped by estate in the form: where the staff member works. */
export async function dwellingChoices(db: Db, actor: Actor): Promise<DwellingChoice[]> {
	authorize(actor, 'list', 'dwelling');
	const rows = await db
		.selectFrom('dwellings as d')
		.innerJoin('buildings as b', 'b.id', 'd.building_id')
		.innerJoin('estates as e', 'e.id', 'b.estate_id')
		.$if(actor.kind === 'staff', (q) => q.where(estateInReach(actor as StaffActor)))
		.select(['d.id', 'd.street', 'd.house_number', 'd.box', 'd.external_ref', 'e.name as estate_name'])
		.orderBy('e.name')
		.orderBy('d.street')
		.orderBy('d.house_number')
		.orderBy('d.box')
		.limit(5000)
		.execute();
	return rows.map((r) => ({ id: r.id, street: r.street, houseNumber: r.house_number, box: r.box, externalRef: r.external_ref, estateName: r.estate_name }));
}
