// Residents: creating and changing one, and one resident's record as the reader may see it (contact details, household
// situation, consents, what they gave the reader's organisation to be contacted for). Every call asks the people policy
// first, runs one transaction, and audits every change and every individual read.
import type { Actor } from '../access';
import { audit, authorize } from '../access';
import { inTransaction, type Db } from '../db';
import { newId, nowIso } from '../db';
import type { Resident } from '../db';
import { NotFound } from '../errors';
import { parseInput } from '../validation';
import { loadHouseholdContext, loadResidentContext, visibilityFor, type Visibility } from './access';
import { changedFields, organisationOf } from './changes';
import { activeConsents, consentsVisibleTo, type ConsentView } from './consents';
import { residentInput, type ResidentInput } from './model';
import { dwellingAddress, type DwellingAddress } from './places';

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
