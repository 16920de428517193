// What the people module does with households and residents. Every call asks the people policy first (with the
// person's context loaded from the database), runs one transaction, and audits every change and every individual read.
import { sql, type ExpressionBuilder } from 'kysely';
import type { Actor } from '../access';
import { audit } from '../access';
import { authorize } from '../access/index';
import { inTransaction, type Db } from '../db';
import { newId, nowIso } from '../db';
import type { Database, Household, Resident } from '../db';
import { Invalid, NotFound } from '../errors';
import { parseInput } from '../validation';
import {
	householdsVisibleTo,
	loadDwellingPlace,
	loadHouseholdContext,
	loadResidentContext,
	residentsVisibleTo,
	visibilityFor,
	type Visibility
} from './access';
import { activeConsents, consentsVisibleTo, type ConsentView } from './consents';
import {
	householdInput,
	residentInput,
	residentSearch,
	type HouseholdInput,
	type HouseholdListItem,
	type ResidentInput,
	type ResidentListItem,
	type ResidentSearch
} from './model';
import { areaAndDescendants, dwellingAddress, type DwellingAddress } from './places';

export { purposeContact, recordConsent, renewConsentContact, type PurposeContact, withdrawConsent, listConsents, type ConsentView } from './consents';
/**
 * For other modules that decide what may go to a partner (signals: may this help request go to that organisation?):
 * a resident's consents, read without an actor or audit entry: the caller applies them and shows no one's record.
 */
export { activeConsents } from './consents';
export type { ConsentInput, HouseholdInput, ResidentInput, ResidentSearch } from './model';

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

const organisationOf = (actor: Actor) => (actor.kind === 'staff' ? actor.organisationId : null);

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

/** The fields whose value differs, by column name (audit summaries name fields, never values). */
function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): Array<keyof T & string> {
	return (Object.keys(after) as Array<keyof T & string>).filter((k) => after[k] !== undefined && after[k] !== before[k]);
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

/** The household a resident joins, as the policy sees it (undefined for none); refused when it does not exist. */
async function householdOf(db: Db, householdId: string | null) {
	if (!householdId) return undefined;
	const ctx = await loadHouseholdContext(db, householdId);
	if (!ctx) throw new NotFound('household', householdId);
	return ctx;
}

export async function createResident(db: Db, actor: Actor, input: ResidentInput): Promise<Resident> {
	authorize(actor, 'create', 'resident');
	const v = parseInput(residentInput, input);
	return inTransaction(db, async (tx) => {
		authorize(actor, 'create', 'resident', await householdOf(tx, v.householdId));
		const at = nowIso();
		const row: Resident = {
			id: newId(),
			household_id: v.householdId,
			external_ref: v.externalRef,
			first_name: v.firstName,
			last_name: v.lastName,
			birth_year: v.birthYear,
			language: v.language,
			contact_channel: v.contactChannel,
			email: v.email,
			phone: v.phone,
			is_volunteer: v.isVolunteer,
			registered_by_organisation_id: organisationOf(actor),
			created_at: at,
			updated_at: at
		};
		await tx.insertInto('residents').values(row).execute();
		await audit(tx, actor, { action: 'create', resourceType: 'resident', resourceId: row.id });
		return row;
	});
}

export async function updateResident(db: Db, actor: Actor, id: string, input: ResidentInput): Promise<Resident> {
	const v = parseInput(residentInput, input);
	return inTransaction(db, async (tx) => {
		const ctx = await loadResidentContext(tx, id);
		if (!ctx) throw new NotFound('resident', id);
		authorize(actor, 'update', 'resident', ctx);
		const before = await tx.selectFrom('residents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
		// Moving the resident to another household: the actor must be allowed to add people there.
		if (v.householdId !== before.household_id) authorize(actor, 'create', 'resident', await householdOf(tx, v.householdId));
		const next = {
			household_id: v.householdId,
			external_ref: v.externalRef,
			first_name: v.firstName,
			last_name: v.lastName,
			birth_year: v.birthYear,
			language: v.language,
			contact_channel: v.contactChannel,
			email: v.email,
			phone: v.phone,
			is_volunteer: v.isVolunteer
		};
		const fields = changedFields(before, next);
		if (fields.length === 0) return before;
		const updated_at = nowIso();
		await tx
			.updateTable('residents')
			.set({ ...next, updated_at })
			.where('id', '=', id)
			.execute();
		await audit(tx, actor, { action: 'update', resourceType: 'resident', resourceId: id, summary: `fields: ${fields.join(', ')}` });
		return { ...before, ...next, updated_at };
	});
}

export type ResidentView = {
	/** Contact details are blanked when the reader may not see them (a partner without that consent). */
	resident: Resident;
	household: { id: string; name: string; moveInDate: string | null; moveOutDate: string | null } | null;
	/** The address is a contact detail: null when the reader may not see those (and without a dwelling). */
	dwelling: DwellingAddress | null;
	estate: DwellingAddress['estate'] | null;
	consents: ConsentView[];
	/**
	 * What the resident gave the reader's organisation to be contacted for a purpose (a help request), when the record's
	 * own contact details are not shared with it: exactly that, with what it is for.
	 */
	purposeContacts: Array<{ id: string; purpose: string; phone: string | null; email: string | null }>;
	visibility: Visibility;
};

/** One resident's record: an individual read, written to the audit log (action 'read', resource 'resident'). */
export async function getResident(db: Db, actor: Actor, id: string): Promise<ResidentView> {
	return inTransaction(db, async (tx) => {
		const ctx = await loadResidentContext(tx, id);
		if (!ctx) throw new NotFound('resident', id);
		authorize(actor, 'read', 'resident', ctx);
		const visibility = visibilityFor(actor, ctx, 'resident');
		const row = await tx.selectFrom('residents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
		const household = row.household_id ? await tx.selectFrom('households').selectAll().where('id', '=', row.household_id).executeTakeFirst() : undefined;
		const dwelling = household?.dwelling_id ? await dwellingAddress(tx, household.dwelling_id) : null;
		// Each reader sees the consents the policy lets them see: a partner its own, not which other partners help someone.
		const consents = consentsVisibleTo(actor, ctx, await activeConsents(tx, id, { includeWithdrawn: true }));
		await audit(tx, actor, { action: 'read', resourceType: 'resident', resourceId: id });
		const resident = visibility.contactDetails ? row : { ...row, email: null, phone: null };
		return {
			resident: visibility.householdSituation ? resident : { ...resident, birth_year: null },
			household: household
				? {
						id: household.id,
						name: household.name,
						moveInDate: visibility.householdSituation ? household.move_in_date : null,
						moveOutDate: visibility.householdSituation ? household.move_out_date : null
					}
				: null,
			dwelling: visibility.contactDetails ? dwelling : null,
			estate: dwelling?.estate ?? null,
			consents,
			purposeContacts:
				visibility.contactDetails || actor.kind !== 'staff'
					? []
					: consents
							.filter((c) => c.inForce && c.organisationId === actor.organisationId && (c.contactPhone || c.contactEmail))
							.map((c) => ({ id: c.id, purpose: c.purpose, phone: c.contactPhone, email: c.contactEmail })),
			visibility
		};
	});
}

export type ResidentPage = { items: ResidentListItem[]; total: number; page: number; pageSize: number };

/**
 * Residents by name, area or estate, a page at a time. Names only, so not an individual read; filtered by the policy
 * (a partner sees its own tenants or people who gave it a consent in force).
 */
export async function listResidents(db: Db, actor: Actor, search: ResidentSearch = {}): Promise<ResidentPage> {
	authorize(actor, 'list', 'resident');
	const s = parseInput(residentSearch, search);
	const visible = await residentsVisibleTo(db, actor);
	const areaIds = s.areaId ? await areaAndDescendants(db, s.areaId) : null;
	const byName = (eb: ExpressionBuilder<Database & { r: Database['residents'] }, 'r'>) => {
		// Wildcards are dropped rather than escaped: names never need them, and this keeps one query on both dialects.
		const like = `%${s.q!.toLowerCase().replace(/[\\%_]/g, '')}%`;
		const name = sql<string>`lower(r.first_name || ' ' || r.last_name)`;
		const reversed = sql<string>`lower(r.last_name || ' ' || r.first_name)`;
		return eb.or([eb(name, 'like', like), eb(reversed, 'like', like)]);
	};
	const base = db
		.selectFrom('residents as r')
		.leftJoin('households as h', 'h.id', 'r.household_id')
		.leftJoin('dwellings as d', 'd.id', 'h.dwelling_id')
		.leftJoin('buildings as b', 'b.id', 'd.building_id')
		.leftJoin('estates as e', 'e.id', 'b.estate_id')
		.$if(visible !== null, (q) => q.where((eb) => visible!(eb)))
		.$if(!!s.estateId, (q) => q.where('e.id', '=', s.estateId!))
		.$if(areaIds !== null, (q) => q.where('e.area_id', 'in', areaIds!.length ? areaIds! : ['']))
		.$if(!!s.q, (q) => q.where((eb) => byName(eb)));
	// The count needs the place only when the search filters on it: without it, residents alone (the joins cost a
	// lookup per resident, measured at 200,000).
	const counted =
		s.estateId || areaIds !== null
			? base
			: db
					.selectFrom('residents as r')
					.$if(visible !== null, (q) => q.where((eb) => visible!(eb)))
					.$if(!!s.q, (q) => q.where((eb) => byName(eb)));
	const [{ n }] = await counted.select((eb) => eb.fn.countAll().as('n')).execute();
	const rows = await base
		.select(['r.id', 'r.first_name', 'r.last_name', 'r.household_id', 'e.name as estate_name'])
		.orderBy('r.last_name')
		.orderBy('r.first_name')
		.orderBy('r.id')
		.limit(s.pageSize)
		.offset((s.page - 1) * s.pageSize)
		.execute();
	return {
		items: rows.map((r) => ({ id: r.id, firstName: r.first_name, lastName: r.last_name, householdId: r.household_id, estateName: r.estate_name })),
		total: Number(n),
		page: s.page,
		pageSize: s.pageSize
	};
}
