// Pure: what a tenant file would change, given what the database holds for the housing company now. The import
// service loads the snapshot, asks this plan, and writes it (or, in a dry run, only shows it), so both agree exactly.
import type { Insertable, Updateable } from 'kysely';
import type { StockBuilding, StockDwelling, StockEstate } from '../areas';
import type { BuildingTable, ContactChannel, DwellingTable, HouseholdTable, ResidentTable } from '../db';
import type { Rejection, TenantFile } from './tenant-csv';

// The housing company's estates, buildings and dwellings as areas reads them for the import (housingStockOf).
export type SnapshotEstate = StockEstate;
export type SnapshotBuilding = StockBuilding;
export type SnapshotDwelling = StockDwelling;
export type SnapshotHousehold = {
	id: string;
	externalRef: string | null;
	dwellingId: string | null;
	name: string;
	moveInDate: string | null;
	moveOutDate: string | null;
};
export type SnapshotResident = {
	id: string;
	householdId: string | null;
	externalRef: string | null;
	firstName: string;
	lastName: string;
	birthYear: number | null;
	language: string;
	phone: string | null;
	email: string | null;
	contactChannel: ContactChannel;
};
/** All estates (to tell "unknown" from "someone else's"), and the company's buildings, dwellings, households, residents. */
export type TenantSnapshot = {
	housingCompanyId: string;
	estates: SnapshotEstate[];
	buildings: SnapshotBuilding[];
	dwellings: SnapshotDwelling[];
	households: SnapshotHousehold[];
	residents: SnapshotResident[];
	/** Dwelling numbers from the file that belong to dwellings outside the company's estates (numbers are unique). */
	foreignDwellingRefs: ReadonlySet<string>;
	/** Today (YYYY-MM-DD): households that moved out before it are no longer "living here". */
	today: string;
};

export type Entity = 'building' | 'dwelling' | 'household' | 'resident';
type New<T> = Omit<Insertable<T>, 'id' | 'created_at' | 'updated_at'>;
type Change<T> = Omit<Updateable<T>, 'id' | 'created_at' | 'updated_at'>;
/** One write: an insert of a whole new row, or an update of the fields that differ in an existing one. */
export type Operation =
	| { kind: 'create'; entity: 'building'; id: string; values: New<BuildingTable> }
	| { kind: 'create'; entity: 'dwelling'; id: string; values: New<DwellingTable> }
	| { kind: 'create'; entity: 'household'; id: string; values: New<HouseholdTable> }
	| { kind: 'create'; entity: 'resident'; id: string; values: New<ResidentTable> }
	| { kind: 'update'; entity: 'dwelling'; id: string; values: Change<DwellingTable> }
	| { kind: 'update'; entity: 'household'; id: string; values: Change<HouseholdTable> }
	| { kind: 'update'; entity: 'resident'; id: string; values: Change<ResidentTable> };

export type RowOutcome = {
	line: number;
	status: 'created' | 'updated' | 'unchanged';
	tenancyRef: string;
	dwellingRef: string;
	operations: Operation[];
};

export type TenantPlan = {
	rows: RowOutcome[];
	rejected: Rejection[];
	/** Households living in the company's estates now that the file does not mention: left alone, only reported. */
	notInFile: Array<{ householdId: string; tenancyRef: string | null }>;
};

const key = (s: string | null | undefined) => (s ?? '').trim().toLowerCase().replace(/\s+/g, ' ');

/** Only what differs; empty cells in the file never wipe what staff already know. */
function diff<T extends Record<string, unknown>>(current: T, wanted: { [K in keyof T]: T[K] | null }): Partial<T> {
	const out: Partial<T> = {};
	for (const k of Object.keys(wanted) as Array<keyof T>) {
		const v = wanted[k];
		if (v !== null && v !== undefined && v !== current[k]) out[k] = v as T[keyof T];
	}
	return out;
}

type TenantRow = TenantFile['rows'][number];
type WorkingResident = SnapshotResident;
type Working = ReturnType<typeof workingCopy>;
type RowRejection = Omit<Rejection, 'line'>;
type CheckedRow = { estate: SnapshotEstate; existingDwelling: SnapshotDwelling | undefined; firstOfTenancy: boolean; residentKey: string };

/** Working copies: what exists now plus what earlier rows of the file create, indexed the ways the rows look things up. */
function workingCopy(snapshot: TenantSnapshot) {
	const estatesByKey = new Map<string, SnapshotEstate>();
	for (const e of snapshot.estates) {
		estatesByKey.set(key(e.slug), e);
		if (!estatesByKey.has(key(e.name))) estatesByKey.set(key(e.name), e);
	}
	const residents: WorkingResident[] = snapshot.residents.map((r) => ({ ...r }));
	// Residents by household, so finding "Marie Peeters in household H-1" stays fast for files of many thousands of rows.
	const residentsOf = new Map<string, WorkingResident[]>();
	for (const r of residents) if (r.householdId) residentsOf.set(r.householdId, [...(residentsOf.get(r.householdId) ?? []), r]);
	return {
		estatesByKey,
		buildings: new Map(snapshot.buildings.map((b) => [`${b.estateId}|${key(b.street)}|${key(b.houseNumber)}`, b.id])),
		dwellings: new Map(snapshot.dwellings.filter((d) => d.externalRef).map((d) => [key(d.externalRef), { ...d }])),
		households: new Map(snapshot.households.filter((h) => h.externalRef).map((h) => [key(h.externalRef), { ...h }])),
		residentByRef: new Map(residents.filter((r) => r.externalRef).map((r) => [key(r.externalRef), r])),
		residentsOf,
		/** Ids already written by an earlier row, so a later row does not repeat them. */
		touched: new Set<string>(),
		tenancyFirstLine: new Map<string, { line: number; dwellingRef: string; moveInDate: string | null }>(),
		residentLine: new Map<string, number>()
	};
}

/** Why a row cannot be taken (unknown or someone else's estate, a dwelling elsewhere, a tenancy or resident twice), or what it found. */
function checkRow(w: Working, snapshot: TenantSnapshot, row: TenantRow): CheckedRow | RowRejection {
	const estate = w.estatesByKey.get(key(row.estate));
	if (!estate) return { code: 'unknown_estate', field: 'estate' };
	if (estate.housingCompanyId !== snapshot.housingCompanyId) return { code: 'estate_not_let', field: 'estate' };
	const existingDwelling = w.dwellings.get(key(row.dwellingRef));
	if ((existingDwelling && existingDwelling.estateId !== estate.id) || (!existingDwelling && snapshot.foreignDwellingRefs.has(key(row.dwellingRef))))
		return { code: 'dwelling_other_estate', field: 'dwelling_ref' };
	const first = w.tenancyFirstLine.get(key(row.tenancyRef));
	if (first && (key(first.dwellingRef) !== key(row.dwellingRef) || (row.moveInDate && first.moveInDate && row.moveInDate !== first.moveInDate)))
		return { code: 'tenancy_conflict', field: 'tenancy_ref', params: { otherLine: first.line } };
	const residentKey = row.residentRef ? `ref|${key(row.residentRef)}` : `name|${key(row.tenancyRef)}|${key(row.firstName)}|${key(row.lastName)}`;
	const seen = w.residentLine.get(residentKey);
	if (seen !== undefined) return { code: 'duplicate_resident', field: row.residentRef ? 'resident_ref' : 'last_name', params: { otherLine: seen } };
	return { estate, existingDwelling, firstOfTenancy: !first, residentKey };
}

/** The building at the row's address on its estate, created by the first row that names it. */
function planBuilding(w: Working, row: TenantRow, estate: SnapshotEstate, makeId: () => string, ops: Operation[]): string {
	const buildingKey = `${estate.id}|${key(row.street)}|${key(row.houseNumber)}`;
	const existing = w.buildings.get(buildingKey);
	if (existing) return existing;
	const buildingId = makeId();
	w.buildings.set(buildingKey, buildingId);
	ops.push({
		kind: 'create',
		entity: 'building',
		id: buildingId,
		values: { estate_id: estate.id, name: `${row.street} ${row.houseNumber}`, street: row.street, house_number: row.houseNumber, postal_code: row.postalCode }
	});
	return buildingId;
}

/** The dwelling by its number: created, or its address brought up to date once per import. */
function planDwelling(w: Working, row: TenantRow, checked: CheckedRow, buildingId: string, makeId: () => string, ops: Operation[]): SnapshotDwelling {
	const dwellingValues = { building_id: buildingId, street: row.street, house_number: row.houseNumber, box: row.box, postal_code: row.postalCode };
	const dwelling = checked.existingDwelling;
	if (!dwelling) {
		const created = {
			id: makeId(),
			buildingId,
			estateId: checked.estate.id,
			externalRef: row.dwellingRef,
			street: row.street,
			houseNumber: row.houseNumber,
			box: row.box,
			postalCode: row.postalCode
		};
		w.dwellings.set(key(row.dwellingRef), created);
		w.touched.add(created.id);
		ops.push({ kind: 'create', entity: 'dwelling', id: created.id, values: { ...dwellingValues, external_ref: row.dwellingRef } });
		return created;
	}
	if (!w.touched.has(dwelling.id)) {
		w.touched.add(dwelling.id);
		const change = diff(
			{ building_id: dwelling.buildingId, street: dwelling.street, house_number: dwelling.houseNumber, box: dwelling.box, postal_code: dwelling.postalCode },
			dwellingValues
		);
		if (Object.keys(change).length) ops.push({ kind: 'update', entity: 'dwelling', id: dwelling.id, values: change });
	}
	return dwelling;
}

/** The household by its tenancy number: created, or its dwelling and move-in date brought up to date once per import. */
function planHousehold(w: Working, row: TenantRow, dwelling: SnapshotDwelling, makeId: () => string, ops: Operation[]): string {
	const household = w.households.get(key(row.tenancyRef));
	if (!household) {
		const householdId = makeId();
		w.households.set(key(row.tenancyRef), {
			id: householdId,
			externalRef: row.tenancyRef,
			dwellingId: dwelling.id,
			name: row.lastName,
			moveInDate: row.moveInDate,
			moveOutDate: null
		});
		w.touched.add(householdId);
		ops.push({
			kind: 'create',
			entity: 'household',
			id: householdId,
			values: { external_ref: row.tenancyRef, dwelling_id: dwelling.id, name: row.lastName, move_in_date: row.moveInDate, move_out_date: null }
		});
		return householdId;
	}
	if (!w.touched.has(household.id)) {
		w.touched.add(household.id);
		const change = diff({ dwelling_id: household.dwellingId, move_in_date: household.moveInDate }, { dwelling_id: dwelling.id, move_in_date: row.moveInDate });
		if (Object.keys(change).length) ops.push({ kind: 'update', entity: 'household', id: household.id, values: change });
	}
	return household.id;
}

/** The resident by their number, or by name within the household: created or brought up to date. */
function planResident(w: Working, row: TenantRow, householdId: string, makeId: () => string, ops: Operation[]): 'created' | 'updated' | 'unchanged' {
	const found = row.residentRef
		? w.residentByRef.get(key(row.residentRef))
		: w.residentsOf.get(householdId)?.find((r) => key(r.firstName) === key(row.firstName) && key(r.lastName) === key(row.lastName));
	if (!found) {
		const id = makeId();
		const channel = row.contactChannel ?? (row.email ? 'email' : row.phone ? 'phone' : 'letter');
		const r = {
			id,
			householdId,
			externalRef: row.residentRef,
			firstName: row.firstName,
			lastName: row.lastName,
			birthYear: row.birthYear,
			language: row.language ?? 'nl',
			phone: row.phone,
			email: row.email,
			contactChannel: channel
		};
		w.residentsOf.set(householdId, [...(w.residentsOf.get(householdId) ?? []), r]);
		if (r.externalRef) w.residentByRef.set(key(r.externalRef), r);
		ops.push({
			kind: 'create',
			entity: 'resident',
			id,
			values: {
				household_id: householdId,
				external_ref: row.residentRef,
				first_name: row.firstName,
				last_name: row.lastName,
				birth_year: row.birthYear,
				language: r.language,
				contact_channel: channel,
				email: row.email,
				phone: row.phone,
				is_volunteer: false
			}
		});
		return 'created';
	}
	const change = diff(
		{
			household_id: found.householdId,
			first_name: found.firstName,
			last_name: found.lastName,
			birth_year: found.birthYear,
			language: found.language,
			phone: found.phone,
			email: found.email,
			contact_channel: found.contactChannel
		},
		{
			household_id: householdId,
			first_name: row.firstName,
			last_name: row.lastName,
			birth_year: row.birthYear,
			language: row.language,
			phone: row.phone,
			email: row.email,
			contact_channel: row.contactChannel
		}
	);
	if (!Object.keys(change).length) return 'unchanged';
	ops.push({ kind: 'update', entity: 'resident', id: found.id, values: change });
	return 'updated';
}

/** Households living in the company's estates now that the file does not mention. */
function householdsNotInFile(snapshot: TenantSnapshot, tenancyRefs: TenantFile['tenancyRefs']): TenantPlan['notInFile'] {
	const inFile = new Set([...tenancyRefs].map(key));
	const companyDwellings = new Set(snapshot.dwellings.map((d) => d.id));
	return snapshot.households
		.filter((h) => {
			const living = !h.moveOutDate || h.moveOutDate > snapshot.today;
			return living && h.dwellingId && companyDwellings.has(h.dwellingId) && !(h.externalRef && inFile.has(key(h.externalRef)));
		})
		.map((h) => ({ householdId: h.id, tenancyRef: h.externalRef }));
}

export function planTenantImport(snapshot: TenantSnapshot, file: Pick<TenantFile, 'rows' | 'rejected' | 'tenancyRefs'>, makeId: () => string): TenantPlan {
	const w = workingCopy(snapshot);
	const plan: TenantPlan = { rows: [], rejected: [...file.rejected], notInFile: [] };
	for (const row of file.rows) {
		const checked = checkRow(w, snapshot, row);
		if ('code' in checked) {
			plan.rejected.push({ line: row.line, ...checked });
			continue;
		}
		// The row is accepted: work out its writes.
		if (checked.firstOfTenancy) w.tenancyFirstLine.set(key(row.tenancyRef), { line: row.line, dwellingRef: row.dwellingRef, moveInDate: row.moveInDate });
		w.residentLine.set(checked.residentKey, row.line);
		const ops: Operation[] = [];
		const buildingId = planBuilding(w, row, checked.estate, makeId, ops);
		const dwelling = planDwelling(w, row, checked, buildingId, makeId, ops);
		const householdId = planHousehold(w, row, dwelling, makeId, ops);
		const resident = planResident(w, row, householdId, makeId, ops);
		const status = resident === 'created' ? 'created' : resident === 'updated' || ops.length > 0 ? 'updated' : 'unchanged';
		plan.rows.push({ line: row.line, status, tenancyRef: row.tenancyRef, dwellingRef: row.dwellingRef, operations: ops });
	}
	plan.rejected.sort((a, b) => a.line - b.line);
	plan.notInFile = householdsNotInFile(snapshot, file.tenancyRefs);
	return plan;
}
