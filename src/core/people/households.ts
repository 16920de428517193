// Households: the ones living on an estate, a household's name for a form, creating and changing one, and one household
// with its dwelling and members. Every call asks the people policy first (with the household's context loaded from the
// database), runs one transaction, and audits every change and every individual read.
import type { Actor } from '../access';
import { audit, authorize } from '../access';
import { inTransaction, type Db } from '../db';
import { newId, nowIso } from '../db';
import type { Household } from '../db';
import { Invalid, NotFound } from '../errors';
import { parseInput } from '../validation';
import { householdsVisibleTo, loadDwellingPlace, loadHouseholdContext, visibilityFor, type Visibility } from './access';
import { changedFields, organisationOf } from './changes';
import { householdInput, type HouseholdInput, type HouseholdListItem } from './model';
import { dwellingAddress, type DwellingAddress } from './places';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The households living on an estate now (no move-out date, or one still to come), for the estate page. Partner staff
 * of a housing company only get households in dwellings their company lets; other partners only households where
 * someone gave them a consent in force. Names only: not an individual read, so not audited.
 */
export async function listHouseholdsByEstate(db: Db, actor: Actor, estateId: string): Promise<HouseholdListItem[]> {
	authorize(actor, 'list', 'household');
	const visible = await householdsVisibleTo(db, actor);
	const rows = await db
		.selectFrom('households as h')
		.innerJoin('dwellings as d', 'd.id', 'h.dwelling_id')
		.innerJoin('buildings as b', 'b.id', 'd.building_id')
		.innerJoin('estates as e', 'e.id', 'b.estate_id')
		.where('e.id', '=', estateId)
		.where((eb) => eb.or([eb('h.move_out_date', 'is', null), eb('h.move_out_date', '>', today())]))
		.$if(visible !== null, (q) => q.where((eb) => visible!(eb)))
		.select(['h.id', 'h.name', 'h.dwelling_id', 'h.move_in_date'])
		.select((eb) => eb.selectFrom('residents as rc').select(eb.fn.countAll().as('n')).whereRef('rc.household_id', '=', 'h.id').as('resident_count'))
		.orderBy('d.street')
		.orderBy('d.house_number')
		.orderBy('h.name')
		.execute();
	return rows.map((r) => ({ id: r.id, name: r.name, dwellingId: r.dwelling_id, moveInDate: r.move_in_date, residentCount: Number(r.resident_count ?? 0) }));
}

/** A household's name for a form ("add a resident to household Peeters"), if the actor may list it; no audit. */
export async function householdLabel(db: Db, actor: Actor, id: string): Promise<{ id: string; name: string } | null> {
	authorize(actor, 'list', 'household');
	const visible = await householdsVisibleTo(db, actor);
	const row = await db
		.selectFrom('households as h')
		.leftJoin('dwellings as d', 'd.id', 'h.dwelling_id')
		.leftJoin('buildings as b', 'b.id', 'd.building_id')
		.leftJoin('estates as e', 'e.id', 'b.estate_id')
		.select(['h.id', 'h.name'])
		.where('h.id', '=', id)
		.$if(visible !== null, (q) => q.where((eb) => visible!(eb)))
		.executeTakeFirst();
	return row ?? null;
}

function parseHousehold(input: HouseholdInput) {
	const v = parseInput(householdInput, input);
	if (v.moveInDate && v.moveOutDate && v.moveOutDate < v.moveInDate)
		throw Invalid.field('moveOutDate', 'move_out_before_move_in', 'The move-out date comes before the move-in date');
	return v;
}

/** The place a household moves into, as the policy sees it; refused when the dwelling does not exist. */
async function placeOf(db: Db, dwellingId: string | null) {
	const place = await loadDwellingPlace(db, dwellingId);
	if (!place) throw new NotFound('dwelling', dwellingId ?? '');
	return place;
}

/** A household where the actor's organisation works (or in no dwelling: then that organisation keeps it). */
export async function createHousehold(db: Db, actor: Actor, input: HouseholdInput): Promise<Household> {
	authorize(actor, 'create', 'household');
	const v = parseHousehold(input);
	return inTransaction(db, async (tx) => {
		authorize(actor, 'create', 'household', await placeOf(tx, v.dwellingId));
		const at = nowIso();
		const row: Household = {
			id: newId(),
			name: v.name,
			dwelling_id: v.dwellingId,
			external_ref: v.externalRef,
			move_in_date: v.moveInDate,
			move_out_date: v.moveOutDate,
			registered_by_organisation_id: organisationOf(actor),
			created_at: at,
			updated_at: at
		};
		await tx.insertInto('households').values(row).execute();
		await audit(tx, actor, { action: 'create', resourceType: 'household', resourceId: row.id });
		return row;
	});
}

/** Tenancy and name of a household: dwelling, move-in and move-out date. */
export async function updateHousehold(db: Db, actor: Actor, id: string, input: HouseholdInput): Promise<Household> {
	const v = parseHousehold(input);
	return inTransaction(db, async (tx) => {
		const ctx = await loadHouseholdContext(tx, id);
		if (!ctx) throw new NotFound('household', id);
		authorize(actor, 'update', 'household', ctx);
		const before = await tx.selectFrom('households').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
		// Moving the household: the actor must also be allowed to change it where it goes.
		if (v.dwellingId !== before.dwelling_id) authorize(actor, 'update', 'household', { ...ctx, ...(await placeOf(tx, v.dwellingId)) });
		const next = { name: v.name, dwelling_id: v.dwellingId, external_ref: v.externalRef, move_in_date: v.moveInDate, move_out_date: v.moveOutDate };
		const fields = changedFields(before, next);
		if (fields.length === 0) return before;
		const updated_at = nowIso();
		await tx
			.updateTable('households')
			.set({ ...next, updated_at })
			.where('id', '=', id)
			.execute();
		await audit(tx, actor, { action: 'update', resourceType: 'household', resourceId: id, summary: `fields: ${fields.join(', ')}` });
		return { ...before, ...next, updated_at };
	});
}

export type HouseholdMember = { id: string; firstName: string; lastName: string; birthYear: number | null; language: string };
export type HouseholdView = {
	household: Household;
	/** The address, when the reader may see contact details; null too without a dwelling. */
	dwelling: DwellingAddress | null;
	/** The estate they live in, which whoever reads the household may know. */
	estate: DwellingAddress['estate'] | null;
	members: HouseholdMember[];
	visibility: Visibility;
};

/** One household with its dwelling and members: an individual read, written to the audit log. */
export async function getHousehold(db: Db, actor: Actor, id: string): Promise<HouseholdView> {
	return inTransaction(db, async (tx) => {
		const ctx = await loadHouseholdContext(tx, id);
		if (!ctx) throw new NotFound('household', id);
		authorize(actor, 'read', 'household', ctx);
		const visibility = visibilityFor(actor, ctx, 'household');
		const household = await tx.selectFrom('households').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
		const members = await tx
			.selectFrom('residents')
			.select(['id', 'first_name', 'last_name', 'birth_year', 'language'])
			.where('household_id', '=', id)
			.orderBy('last_name')
			.orderBy('first_name')
			.execute();
		const dwelling = household.dwelling_id ? await dwellingAddress(tx, household.dwelling_id) : null;
		await audit(tx, actor, { action: 'read', resourceType: 'household', resourceId: id });
		return {
			household: visibility.householdSituation ? household : { ...household, move_in_date: null, move_out_date: null, external_ref: null },
			dwelling: visibility.contactDetails ? dwelling : null,
			estate: dwelling?.estate ?? null,
			members: members.map((m) => ({
				id: m.id,
				firstName: m.first_name,
				lastName: m.last_name,
				birthYear: visibility.householdSituation ? m.birth_year : null,
				language: m.language
			})),
			visibility
		};
	});
}
