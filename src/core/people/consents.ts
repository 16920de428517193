// Consent: which partner may know what about a resident, for which purpose, given and withdrawn when, and recorded
// by whom. A consent in force opens the resident's record to that partner (core/access/policies/people.ts).
import type { Actor } from '../access/actor';
import { audit } from '../access/audit';
import { authorize } from '../access/index';
import { inTransaction, type Db } from '../db/database';
import { newId, nowIso } from '../db/ids';
import type { Consent } from '../db/schema';
import { Conflict, NotFound } from '../errors';
import { parseInput } from '../validation';
import { loadResidentContext } from './access';
import { consentInput, type ConsentInput, type ConsentScope } from './model';

export type ConsentView = {
	id: string;
	organisationId: string;
	organisationName: string;
	scope: ConsentScope;
	purpose: string;
	givenAt: string;
	recordedBy: string | null;
	withdrawnAt: string | null;
	withdrawnBy: string | null;
	inForce: boolean;
};

/** A resident's consents, newest first; withdrawn ones too when asked (they are part of the record). */
export async function activeConsents(db: Db, residentId: string, options: { includeWithdrawn?: boolean } = {}): Promise<ConsentView[]> {
	const rows = await db
		.selectFrom('consents as c')
		.innerJoin('organisations as o', 'o.id', 'c.organisation_id')
		.leftJoin('users as rb', 'rb.id', 'c.recorded_by')
		.leftJoin('users as wb', 'wb.id', 'c.withdrawn_by')
		.select(['c.id', 'c.organisation_id', 'o.name as organisation_name', 'c.scope', 'c.purpose', 'c.given_at', 'c.withdrawn_at', 'rb.name as recorded_by_name', 'wb.name as withdrawn_by_name'])
		.where('c.resident_id', '=', residentId)
		.$if(!options.includeWithdrawn, (q) => q.where('c.withdrawn_at', 'is', null))
		.orderBy('c.given_at', 'desc')
		.orderBy('c.id', 'desc')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		organisationId: r.organisation_id,
		organisationName: r.organisation_name,
		scope: r.scope as ConsentScope,
		purpose: r.purpose,
		givenAt: r.given_at,
		recordedBy: r.recorded_by_name,
		withdrawnAt: r.withdrawn_at,
		withdrawnBy: r.withdrawn_by_name,
		inForce: r.withdrawn_at === null
	}));
}

/** Records that the resident agrees to share `scope` with an organisation for `purpose`; the actor is the recorder. */
export async function recordConsent(db: Db, actor: Actor, input: ConsentInput): Promise<Consent> {
	const v = parseInput(consentInput, input);
	return inTransaction(db, async (tx) => {
		const ctx = await loadResidentContext(tx, v.residentId);
		if (!ctx) throw new NotFound('resident', v.residentId);
		authorize(actor, 'record', 'consent', ctx);
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
			withdrawn_at: null,
			withdrawn_by: null
		};
		await tx.insertInto('consents').values(row).execute();
		await audit(tx, actor, { action: 'consent_record', resourceType: 'resident', resourceId: v.residentId, summary: `consent ${row.id} organisation ${v.organisationId} scope ${v.scope}` });
		return row;
	});
}

/** Withdraws a consent from now on; the record stays, with who withdrew it and when. */
export async function withdrawConsent(db: Db, actor: Actor, consentId: string): Promise<Consent> {
	return inTransaction(db, async (tx) => {
		const consent = await tx.selectFrom('consents').selectAll().where('id', '=', consentId).executeTakeFirst();
		if (!consent) throw new NotFound('consent', consentId);
		const ctx = await loadResidentContext(tx, consent.resident_id);
		if (!ctx) throw new NotFound('resident', consent.resident_id);
		authorize(actor, 'withdraw', 'consent', ctx);
		if (consent.withdrawn_at) throw new Conflict('consent_withdrawn', 'This consent was withdrawn already');
		const change = { withdrawn_at: nowIso(), withdrawn_by: actor.kind === 'staff' ? actor.id : null };
		await tx.updateTable('consents').set(change).where('id', '=', consentId).execute();
		await audit(tx, actor, { action: 'consent_withdraw', resourceType: 'resident', resourceId: consent.resident_id, summary: `consent ${consentId} organisation ${consent.organisation_id} scope ${consent.scope}` });
		return { ...consent, ...change };
	});
}

/** A resident's consents (in force and withdrawn), for whoever may read the resident; audited as a read. */
export async function listConsents(db: Db, actor: Actor, residentId: string): Promise<ConsentView[]> {
	return inTransaction(db, async (tx) => {
		const ctx = await loadResidentContext(tx, residentId);
		if (!ctx) throw new NotFound('resident', residentId);
		authorize(actor, 'read', 'resident', ctx);
		const consents = await activeConsents(tx, residentId, { includeWithdrawn: true });
		await audit(tx, actor, { action: 'read', resourceType: 'resident', resourceId: residentId, summary: 'consents' });
		return consents;
	});
}
