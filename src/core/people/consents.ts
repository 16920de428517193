// Consent: which partner may know what about a resident, for which purpose, given and withdrawn when, and recorded
// by whom. A consent in force opens the resident's record to that partner (core/access/policies/people.ts). It is
// recorded by the organisation that spoke with the resident, for another organisation; the receiving organisation can
// neither create nor widen its own. It is withdrawn at the resident's request, with how they asked, by a worker who
// may see it. Every step is audited.
import type { Actor } from '../access/actor';
import { audit } from '../access/audit';
import { authorize, can } from '../access/index';
import type { PersonContext } from '../access/policies/people';
import { inTransaction, type Db } from '../db/database';
import { newId, nowIso } from '../db/ids';
import type { Consent } from '../db/schema';
import { Conflict, Invalid, NotFound } from '../errors';
import { parseInput } from '../validation';
import { loadResidentContext } from './access';
import { consentInput, withdrawalInput, type ConsentInput, type ConsentScope, type WithdrawalInput } from './model';

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
};

/** A resident's consents, newest first; withdrawn ones too when asked (they are part of the record). */
export async function activeConsents(db: Db, residentId: string, options: { includeWithdrawn?: boolean } = {}): Promise<ConsentView[]> {
	const rows = await db
		.selectFrom('consents as c')
		.innerJoin('organisations as o', 'o.id', 'c.organisation_id')
		.leftJoin('users as rb', 'rb.id', 'c.recorded_by')
		.leftJoin('users as wb', 'wb.id', 'c.withdrawn_by')
		.select(['c.id', 'c.organisation_id', 'o.name as organisation_name', 'c.recorded_by_organisation_id', 'c.scope', 'c.purpose', 'c.given_at', 'c.withdrawn_at', 'c.withdrawal_note', 'rb.name as recorded_by_name', 'wb.name as withdrawn_by_name'])
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
		inForce: r.withdrawn_at === null
	}));
}

/** The consents of a resident that the actor may see (see the people policy: recorder, receiver, the institute where it works). */
export function consentsVisibleTo(actor: Actor, person: PersonContext, consents: readonly ConsentView[]): ConsentView[] {
	return consents.filter((c) => can(actor, 'read', 'consent', { recordedByOrganisationId: c.recordedByOrganisationId, organisationId: c.organisationId, person }));
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
		if (recorder && recorder === v.organisationId) throw Invalid.field('organisationId', 'consent_own_organisation', 'An organisation cannot record a consent for itself');
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
			withdrawal_note: null
		};
		await tx.insertInto('consents').values(row).execute();
		await audit(tx, actor, { action: 'consent_record', resourceType: 'resident', resourceId: v.residentId, summary: `consent ${row.id} organisation ${v.organisationId} scope ${v.scope}` });
		return row;
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
		const change = { withdrawn_at: nowIso(), withdrawn_by: actor.kind === 'staff' ? actor.id : null, withdrawal_note: v.note };
		await tx.updateTable('consents').set(change).where('id', '=', v.consentId).execute();
		await audit(tx, actor, { action: 'consent_withdraw', resourceType: 'resident', resourceId: consent.resident_id, summary: `consent ${v.consentId} organisation ${consent.organisation_id} scope ${consent.scope}` });
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
