// Consent: which partner may know what about a resident, for which purpose, given and withdrawn when, and recorded
// by whom. A consent in force opens the resident's record to that partner (core/access/policies/people.ts). It is
// recorded by the organisation that spoke with the resident, for another organisation; the receiving organisation can
// neither create nor widen its own. It is withdrawn at the resident's request, with how they asked, by a worker who
// may see it. Every step is audited.
import type { Actor } from '../access';
import { audit } from '../access';
import { authorize, can } from '../access/index';
import type { PersonContext } from '../access';
import { inTransaction, type Db } from '../db';
import { newId, nowIso } from '../db';
import type { Consent } from '../db';
import { Conflict, Invalid, NotFound } from '../errors';
import { parseInput } from '../validation';
import { loadResidentContext } from './access';
import { consentInput, contactInput, withdrawalInput, type ConsentInput, type ConsentScope, type WithdrawalInput } from './model';

export type ConsentView = {
	id: string;
	organisationId: string;
	organisationName: string;
	recordedByOrganisationId: string | null;
	scope: ConsentScope;
	purpose: string;
	givenAt: string;
	recordedBy: string | null;
	withdrawnAt: string | null;
	withdrawnBy: string | null;
	withdrawalNote: string | null;
	inForce: boolean;
	/** How the receiving organisation may contact the resident for this purpose; gone once the consent is withdrawn. */
	contactPhone: string | null;
	contactEmail: string | null;
};

/** A resident's consents, newest first; withdrawn ones too when asked (they are part of the record). */
export async function activeConsents(db: Db, residentId: string, options: { includeWithdrawn?: boolean } = {}): Promise<ConsentView[]> {
	const rows = await db
		.selectFrom('consents as c')
		.innerJoin('organisations as o', 'o.id', 'c.organisation_id')
		.leftJoin('users as rb', 'rb.id', 'c.recorded_by')
		.leftJoin('users as wb', 'wb.id', 'c.withdrawn_by')
		.select([
			'c.id',
			'c.organisation_id',
			'o.name as organisation_name',
			'c.recorded_by_organisation_id',
			'c.scope',
			'c.purpose',
			'c.given_at',
			'c.withdrawn_at',
			'c.withdrawal_note',
			'c.contact_phone',
			'c.contact_email',
			'rb.name as recorded_by_name',
			'wb.name as withdrawn_by_name'
		])
		.where('c.resident_id', '=', residentId)
		.$if(!options.includeWithdrawn, (q) => q.where('c.withdrawn_at', 'is', null))
		.orderBy('c.given_at', 'desc')
		.orderBy('c.id', 'desc')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		organisationId: r.organisation_id,
		organisationName: r.organisation_name,
		recordedByOrganisationId: r.recorded_by_organisation_id,
		scope: r.scope as ConsentScope,
		purpose: r.purpose,
		givenAt: r.given_at,
		recordedBy: r.recorded_by_name,
		withdrawnAt: r.withdrawn_at,
		withdrawnBy: r.withdrawn_by_name,
		withdrawalNote: r.withdrawal_note,
		inForce: r.withdrawn_at === null,
		contactPhone: r.withdrawn_at === null ? r.contact_phone : null,
		contactEmail: r.withdrawn_at === null ? r.contact_email : null
	}));
}

/** The consents of a resident that the actor may see (see the people policy: recorder, receiver, the institute where it works). */
export function consentsVisibleTo(actor: Actor, person: PersonContext, consents: readonly ConsentView[]): ConsentView[] {
	return consents.filter((c) =>
		can(actor, 'read', 'consent', { recordedByOrganisationId: c.recordedByOrganisationId, organisationId: c.organisationId, person })
	);
}

/**
 * Records that the resident agrees to share `scope` with an organisation for `purpose`. The actor's organisation spoke
 * with the resident — it works with them (institute), or, when `basis.helpRequestHandledBy` names it, it handles their
 * help request (only the signals module says so, after checking) — and records for another organisation.
 */
export async function recordConsent(db: Db, actor: Actor, input: ConsentInput, basis: { helpRequestHandledBy?: string | null } = {}): Promise<Consent> {
	const v = parseInput(consentInput, input);
	return inTransaction(db, async (tx) => {
		const ctx = await loadResidentContext(tx, v.residentId);
		if (!ctx) throw new NotFound('resident', v.residentId);
		authorize(actor, 'record', 'consent', { ...ctx, helpRequestHandledBy: basis.helpRequestHandledBy ?? null });
		const recorder = actor.kind === 'staff' ? actor.organisationId : null;
		if (recorder && recorder === v.organisationId)
			throw Invalid.field('organisationId', 'consent_own_organisation', 'An organisation cannot record a consent for itself');
		const org = await tx.selectFrom('organisations').select('id').where('id', '=', v.organisationId).executeTakeFirst();
		if (!org) throw new NotFound('organisation', v.organisationId);
		const same = await tx
			.selectFrom('consents')
			.select('id')
			.where('resident_id', '=', v.residentId)
			.where('organisation_id', '=', v.organisationId)
			.where('scope', '=', v.scope)
			.where('withdrawn_at', 'is', null)
			.executeTakeFirst();
		if (same) throw new Conflict('consent_in_force', 'This consent is in force already', { field: 'scope' });
		const row: Consent = {
			id: newId(),
			resident_id: v.residentId,
			organisation_id: v.organisationId,
			scope: v.scope,
			purpose: v.purpose,
			given_at: nowIso(),
			recorded_by: actor.kind === 'staff' ? actor.id : null,
			recorded_by_organisation_id: recorder,
			withdrawn_at: null,
			withdrawn_by: null,
			withdrawal_note: null,
			contact_phone: v.contactPhone,
			contact_email: v.contactEmail
		};
		await tx.insertInto('consents').values(row).execute();
		await audit(tx, actor, {
			action: 'consent_record',
			resourceType: 'resident',
			resourceId: v.residentId,
			summary: `consent ${row.id} organisation ${v.organisationId} scope ${v.scope}${v.contactPhone || v.contactEmail ? ' with contact details' : ''}`
		});
		return row;
	});
}

/** How to reach a resident about one help request: their name, and what they gave for it (phone, email), or who to ask. */
export type PurposeContact = {
	residentId: string;
	residentName: string;
	organisationName: string;
	phone: string | null;
	email: string | null;
	givenAt: string;
	recordedBy: string | null;
	recordedByOrganisation: string | null;
};

/**
 * The contact details a resident gave with a consent in force, for who may read that consent (the organisation it was
 * given to, the one that recorded it, the institute that works with the person): exactly those, nothing else of the
 * record. `null` when the consent is withdrawn or the reader may not see it. The caller audits the read.
 */
export async function purposeContact(db: Db, actor: Actor, consentId: string): Promise<PurposeContact | null> {
	const row = await db
		.selectFrom('consents as c')
		.innerJoin('residents as r', 'r.id', 'c.resident_id')
		.innerJoin('organisations as o', 'o.id', 'c.organisation_id')
		.leftJoin('users as rb', 'rb.id', 'c.recorded_by')
		.leftJoin('organisations as ro', 'ro.id', 'c.recorded_by_organisation_id')
		.select([
			'c.id',
			'c.resident_id',
			'c.organisation_id',
			'c.recorded_by_organisation_id',
			'c.contact_phone',
			'c.contact_email',
			'c.given_at',
			'c.withdrawn_at',
			'r.first_name',
			'r.last_name',
			'o.name as organisation_name',
			'rb.name as recorded_by_name',
			'ro.name as recorded_by_organisation'
		])
		.where('c.id', '=', consentId)
		.executeTakeFirst();
	if (!row || row.withdrawn_at) return null;
	const person = await loadResidentContext(db, row.resident_id);
	if (!person || !can(actor, 'read', 'consent', { recordedByOrganisationId: row.recorded_by_organisation_id, organisationId: row.organisation_id, person }))
		return null;
	return {
		residentId: row.resident_id,
		residentName: `${row.first_name} ${row.last_name}`,
		organisationName: row.organisation_name,
		phone: row.contact_phone,
		email: row.contact_email,
		givenAt: row.given_at,
		recordedBy: row.recorded_by_name,
		recordedByOrganisation: row.recorded_by_organisation
	};
}

/**
 * The resident gives again how they may be contacted for a consent in force (a second help request for the same
 * partner reuses the consent): recorded, like the consent, by who spoke with them. Empty values leave it as it is.
 */
export async function renewConsentContact(
	db: Db,
	actor: Actor,
	consentId: string,
	input: { contactPhone?: unknown; contactEmail?: unknown },
	basis: { helpRequestHandledBy?: string | null } = {}
): Promise<void> {
	const v = parseInput(contactInput, input);
	if (!v.contactPhone && !v.contactEmail) return;
	await inTransaction(db, async (tx) => {
		const consent = await tx.selectFrom('consents').selectAll().where('id', '=', consentId).where('withdrawn_at', 'is', null).executeTakeFirst();
		if (!consent) throw new NotFound('consent', consentId);
		const ctx = await loadResidentContext(tx, consent.resident_id);
		if (!ctx) throw new NotFound('resident', consent.resident_id);
		authorize(actor, 'record', 'consent', { ...ctx, helpRequestHandledBy: basis.helpRequestHandledBy ?? null });
		const change = { contact_phone: v.contactPhone ?? consent.contact_phone, contact_email: v.contactEmail ?? consent.contact_email };
		if (change.contact_phone === consent.contact_phone && change.contact_email === consent.contact_email) return;
		await tx.updateTable('consents').set(change).where('id', '=', consentId).execute();
		await audit(tx, actor, {
			action: 'consent_record',
			resourceType: 'resident',
			resourceId: consent.resident_id,
			summary: `consent ${consentId} contact details renewed`
		});
	});
}

/** Withdraws a consent from now on, at the resident's request; the record stays, with who withdrew it, when and how asked. */
export async function withdrawConsent(db: Db, actor: Actor, input: WithdrawalInput): Promise<Consent> {
	const v = parseInput(withdrawalInput, input);
	return inTransaction(db, async (tx) => {
		const consent = await tx.selectFrom('consents').selectAll().where('id', '=', v.consentId).executeTakeFirst();
		if (!consent) throw new NotFound('consent', v.consentId);
		const person = await loadResidentContext(tx, consent.resident_id);
		if (!person) throw new NotFound('resident', consent.resident_id);
		const subject = { recordedByOrganisationId: consent.recorded_by_organisation_id, organisationId: consent.organisation_id, person };
		// Who may not see the consent is told it does not exist, as for any record out of reach.
		if (!can(actor, 'read', 'consent', subject)) {
			if (actor.kind === 'anonymous') authorize(actor, 'withdraw', 'consent', subject);
			throw new NotFound('consent', v.consentId);
		}
		authorize(actor, 'withdraw', 'consent', subject);
		if (consent.withdrawn_at) throw new Conflict('consent_withdrawn', 'This consent was withdrawn already');
		// The contact details given for the purpose go with it: nobody may use them from now on.
		const change = {
			withdrawn_at: nowIso(),
			withdrawn_by: actor.kind === 'staff' ? actor.id : null,
			withdrawal_note: v.note,
			contact_phone: null,
			contact_email: null
		};
		await tx.updateTable('consents').set(change).where('id', '=', v.consentId).execute();
		await audit(tx, actor, {
			action: 'consent_withdraw',
			resourceType: 'resident',
			resourceId: consent.resident_id,
			summary: `consent ${v.consentId} organisation ${consent.organisation_id} scope ${consent.scope}`
		});
		return { ...consent, ...change };
	});
}

/** A resident's consents (in force and withdrawn) that the reader may see, for whoever may read the resident; audited as a read. */
export async function listConsents(db: Db, actor: Actor, residentId: string): Promise<ConsentView[]> {
	return inTransaction(db, async (tx) => {
		const ctx = await loadResidentContext(tx, residentId);
		if (!ctx) throw new NotFound('resident', residentId);
		authorize(actor, 'read', 'resident', ctx);
		const consents = consentsVisibleTo(actor, ctx, await activeConsents(tx, residentId, { includeWithdrawn: true }));
		await audit(tx, actor, { action: 'read', resourceType: 'resident', resourceId: residentId, summary: 'consents' });
		return consents;
	});
}
