// Pure: what a tenant file would change, given what the database holds for the housing company now. The import
// service loads the snapshot, asks this plan, and writes it (or, in a dry run, only shows it), so both agree exactly.
import type { Insertable, Updateable } from 'kysely';
import type { BuildingTable, ContactChannel, DwellingTable, HouseholdTable, ResidentTable } from '../db';
import type { Rejection, TenantFile } from './tenant-csv';

export type SnapshotEstate = { id: string; name: string; slug: string; housingCompanyId: string | null };
export type SnapshotBuilding = { id: string; estateId: string; street: string | null; houseNumber: string | null };
export type SnapshotDwelling = {
	id: string;
	buildingId: string;
	estateId: string;
	externalRef: string | null;
	street: string;
	houseNumber: string;
	box: string | null;
	postalCode: string;
};
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

export function planTenantImport(snapshot: TenantSnapshot, file: Pick<TenantFile, 'rows' | 'rejected' | 'tenancyRefs'>, makeId: () => string): TenantPlan {
	const company = snapshot.housingCompanyId;
	const estatesByKey = new Map<string, SnapshotEstate>();
	for (const e of snapshot.estates) {
		estatesByKey.set(key(e.slug), e);
		if (!estatesByKey.has(key(e.name))) estatesByKey.set(key(e.name), e);
	}
	// Working copies: what exists now plus what earlier rows of the file create.
	const buildings = new Map(snapshot.buildings.map((b) => [`${b.estateId}|${key(b.street)}|${key(b.houseNumber)}`, b.id]));
	const dwellings = new Map(snapshot.dwellings.filter((d) => d.externalRef).map((d) => [key(d.externalRef), { ...d }]));
	const households = new Map(snapshot.households.filter((h) => h.externalRef).map((h) => [key(h.externalRef), { ...h }]));
	const residents = snapshot.residents.map((r) => ({ ...r }));
	const residentByRef = new Map(residents.filter((r) => r.externalRef).map((r) => [key(r.externalRef), r]));
	// Residents by household, so finding "Marie Peeters in household H-1" stays fast for files of many thousands of rows.
	const residentsOf = new Map<string, typeof residents>();
	for (const r of residents) if (r.householdId) residentsOf.set(r.householdId, [...(residentsOf.get(r.householdId) ?? []), r]);
	const touched = new Set<string>(); // ids already written by an earlier row, so a later row does not repeat them
	const tenancyFirstLine = new Map<string, { line: number; dwellingRef: string; moveInDate: string | null }>();
	const residentLine = new Map<string, number>();

	const plan: TenantPlan = { rows: [], rejected: [...file.rejected], notInFile: [] };
	for (const row of file.rows) {
		const reject = (code: string, field?: Rejection['field'], params?: Rejection['params']) => plan.rejected.push({ line: row.line, code, field, params });
		const estate = estatesByKey.get(key(row.estate));
		if (!estate) {
			reject('unknown_estate', 'estate');
			continue;
		}
		if (estate.housingCompanyId !== company) {
			reject('estate_not_let', 'estate');
			continue;
		}
		const existingDwelling = dwellings.get(key(row.dwellingRef));
		if ((existingDwelling && existingDwelling.estateId !== estate.id) || (!existingDwelling && snapshot.foreignDwellingRefs.has(key(row.dwellingRef)))) {
			reject('dwelling_other_estate', 'dwelling_ref');
			continue;
		}
		const first = tenancyFirstLine.get(key(row.tenancyRef));
		if (first && (key(first.dwellingRef) !== key(row.dwellingRef) || (row.moveInDate && first.moveInDate && row.moveInDate !== first.moveInDate))) {
			reject('tenancy_conflict', 'tenancy_ref', { otherLine: first.line });
			continue;
		}
		const household = households.get(key(row.tenancyRef));
		const residentKey = row.residentRef ? `ref|${key(row.residentRef)}` : `name|${key(row.tenancyRef)}|${key(row.firstName)}|${key(row.lastName)}`;
		const seen = residentLine.get(residentKey);
		if (seen !== undefined) {
			reject('duplicate_resident', row.residentRef ? 'resident_ref' : 'last_name', { otherLine: seen });
			continue;
		}

		// The row is accepted: work out its writes.
		if (!first) tenancyFirstLine.set(key(row.tenancyRef), { line: row.line, dwellingRef: row.dwellingRef, moveInDate: row.moveInDate });
		residentLine.set(residentKey, row.line);
		const ops: Operation[] = [];
		const buildingKey = `${estate.id}|${key(row.street)}|${key(row.houseNumber)}`;
		let buildingId = buildings.get(buildingKey);
		if (!buildingId) {
			buildingId = makeId();
			buildings.set(buildingKey, buildingId);
			ops.push({
				kind: 'create',
				entity: 'building',
				id: buildingId,
				values: {
					estate_id: estate.id,
					name: `${row.street} ${row.houseNumber}`,
					street: row.street,
					house_number: row.houseNumber,
					postal_code: row.postalCode
				}
			});
		}
		const dwellingValues = { building_id: buildingId, street: row.street, house_number: row.houseNumber, box: row.box, postal_code: row.postalCode };
		let dwelling = existingDwelling;
		if (!dwelling) {
			dwelling = {
				id: makeId(),
				buildingId,
				estateId: estate.id,
				externalRef: row.dwellingRef,
				street: row.street,
				houseNumber: row.houseNumber,
				box: row.box,
				postalCode: row.postalCode
			};
			dwellings.set(key(row.dwellingRef), dwelling);
			touched.add(dwelling.id);
			ops.push({ kind: 'create', entity: 'dwelling', id: dwelling.id, values: { ...dwellingValues, external_ref: row.dwellingRef } });
		} else if (!touched.has(dwelling.id)) {
			touched.add(dwelling.id);
			const change = diff(
				{ building_id: dwelling.buildingId, street: dwelling.street, house_number: dwelling.houseNumber, box: dwelling.box, postal_code: dwelling.postalCode },
				dwellingValues
			);
			if (Object.keys(change).length) ops.push({ kind: 'update', entity: 'dwelling', id: dwelling.id, values: change });
		}
		let householdId: string;
		if (!household) {
			householdId = makeId();
			households.set(key(row.tenancyRef), {
				id: householdId,
				externalRef: row.tenancyRef,
				dwellingId: dwelling.id,
				name: row.lastName,
				moveInDate: row.moveInDate,
				moveOutDate: null
			});
			touched.add(householdId);
			ops.push({
				kind: 'create',
				entity: 'household',
				id: householdId,
				values: { external_ref: row.tenancyRef, dwelling_id: dwelling.id, name: row.lastName, move_in_date: row.moveInDate, move_out_date: null }
			});
		} else {
			householdId = household.id;
			if (!touched.has(household.id)) {
				touched.add(household.id);
				const change = diff(
					{ dwelling_id: household.dwellingId, move_in_date: household.moveInDate },
					{ dwelling_id: dwelling.id, move_in_date: row.moveInDate }
				);
				if (Object.keys(change).length) ops.push({ kind: 'update', entity: 'household', id: household.id, values: change });
			}
		}
		const found = row.residentRef
			? residentByRef.get(key(row.residentRef))
			: residentsOf.get(householdId)?.find((r) => key(r.firstName) === key(row.firstName) && key(r.lastName) === key(row.lastName));
		let residentCreated = false;
		let residentChanged = false;
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
			residents.push(r);
			residentsOf.set(householdId, [...(residentsOf.get(householdId) ?? []), r]);
			if (r.externalRef) residentByRef.set(key(r.externalRef), r);
			residentCreated = true;
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
		} else {
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
			if (Object.keys(change).length) {
				residentChanged = true;
				ops.push({ kind: 'update', entity: 'resident', id: found.id, values: change });
			}
		}
		const status = residentCreated ? 'created' : residentChanged || ops.length > 0 ? 'updated' : 'unchanged';
		plan.rows.push({ line: row.line, status, tenancyRef: row.tenancyRef, dwellingRef: row.dwellingRef, operations: ops });
	}
	plan.rejected.sort((a, b) => a.line - b.line);

	const inFile = new Set([...file.tenancyRefs].map(key));
	const companyDwellings = new Set(snapshot.dwellings.map((d) => d.id));
	for (const h of snapshot.households) {
		const living = !h.moveOutDate || h.moveOutDate > snapshot.today;
		if (living && h.dwellingId && companyDwellings.has(h.dwellingId) && !(h.externalRef && inFile.has(key(h.externalRef))))
			plan.notInFile.push({ householdId: h.id, tenancyRef: h.externalRef });
	}
	return plan;
}
