// Referrals (doorverwijzingen) between partners: the organisation that handles a signal refers it to another with a
// note; a help request only with the resident's consent for that partner. The receiver accepts (and becomes
// responsible, with the referral's own deadline) or declines with a reason; the referrer sees the outcome.
import { z } from 'zod';
import { audit, authorize, isStaff, type Actor, type StaffActor } from '../../access';
import { inTransaction, type Db } from '../../db';
import { newId } from '../../db';
import type { Referral, ReferralStatus, Signal } from '../../db';
import { areaPath } from '../../areas';
import { organisationsWorkingAt, type OrganisationChoice } from '../../partners';
import { Conflict, Forbidden, Invalid, NotFound } from '../../errors';
import { enqueueMail } from '../../mail';
import { activeConsents, recordConsent } from '../../people';
import { emptyAsMissing, omittableId, omittableText, parseInput } from '../../validation';
import { deadlineFor } from '../handling/deadlines';
import { formatDeadline } from '../format';
import { loadForAction, type HandlingOptions } from '../handling/handling';
import { referralMail } from '../mails';
import { isOpen } from '../model';
import { organisationRecipients } from '../handling/recipients';
import { referralOutcomeMail } from './referral-mails';
import { routeSignal } from '../routing/routing';
import { addEvent } from '../handling/timeline';
import { areaChain } from '../routing/area-chain';

export const DEFAULT_REFERRAL_DAYS = 5;

export const referInput = z.object({
	toOrganisationId: z.string().trim().min(1).max(64),
	toTeamId: omittableId,
	note: z.string().trim().min(1).max(2000),
	deadlineDays: z.preprocess(emptyAsMissing, z.coerce.number().int().min(1).max(60).optional())
});
export type ReferInput = z.input<typeof referInput>;

export const respondInput = z.object({
	accept: z.preprocess((v) => v === true || v === 'true' || v === 'on' || v === 'accept', z.boolean()),
	reason: omittableText(2000)
});
export type RespondInput = z.input<typeof respondInput>;

/** Is a consent of the resident for this organisation, to share a help request, in force? (people module) */
export async function helpConsentInForce(db: Db, residentId: string | null, organisationId: string): Promise<string | null> {
	if (!residentId) return null;
	const consents = await activeConsents(db, residentId);
	return consents.find((c) => c.organisationId === organisationId && c.scope === 'help_request' && c.inForce)?.id ?? null;
}

/** The organisations a resident allowed to know about their help request (consents in force). */
export async function helpConsentOrganisations(db: Db, residentId: string | null): Promise<string[]> {
	if (!residentId) return [];
	return (await activeConsents(db, residentId)).filter((c) => c.scope === 'help_request' && c.inForce).map((c) => c.organisationId);
}

/** Where a signal is, as the organisations' reach sees it: its area path and the landlord of its estate. */
async function placeOfSignal(db: Db, signal: Pick<Signal, 'area_id' | 'estate_id'>): Promise<{ areaPath: string[]; housingCompanyId: string | null }> {
	const estate = signal.estate_id
		? await db.selectFrom('estates').select(['area_id', 'housing_company_id']).where('id', '=', signal.estate_id).executeTakeFirst()
		: undefined;
	return { areaPath: await areaPath(db, signal.area_id ?? estate?.area_id), housingCompanyId: estate?.housing_company_id ?? null };
}

/** The organisations a signal may be referred to: those that work where it is, but the one handling it. */
async function receiversFor(db: Db, signal: Pick<Signal, 'area_id' | 'estate_id' | 'organisation_id'>): Promise<OrganisationChoice[]> {
	return (await organisationsWorkingAt(db, await placeOfSignal(db, signal))).filter((o) => o.id !== signal.organisation_id);
}

export type ReferralChoices = {
	organisations: Array<OrganisationChoice & { consent: boolean }>;
	teams: Array<{ id: string; name: string; organisationId: string }>;
};

/** What the referral form offers: the organisations working where the signal is, their teams, and (help request) whose consent is in force. */
export async function referralChoices(db: Db, actor: Actor, signalId: string): Promise<ReferralChoices> {
	const { signal } = await loadForAction(db, actor, signalId, 'refer');
	const receivers = await receiversFor(db, signal);
	const consented = signal.is_help_request ? await helpConsentOrganisations(db, signal.resident_id) : [];
	const teams = receivers.length
		? await db
				.selectFrom('teams')
				.select(['id', 'name', 'organisation_id'])
				.where(
					'organisation_id',
					'in',
					receivers.map((o) => o.id)
				)
				.orderBy('name')
				.execute()
		: [];
	return {
		organisations: receivers.map((o) => ({ ...o, consent: consented.includes(o.id) })),
		teams: teams.map((t) => ({ id: t.id, name: t.name, organisationId: t.organisation_id }))
	};
}

/**
 * The organisation handling a help request records the resident's consent to share it with a partner: it spoke with
 * the resident about it. The partner must work where the signal is, as for the referral itself.
 */
export async function recordReferralConsent(
	db: Db,
	actor: Actor,
	signalId: string,
	input: { toOrganisationId: unknown; purpose: unknown; contactPhone?: unknown; contactEmail?: unknown }
): Promise<void> {
	await inTransaction(db, async (tx) => {
		const { signal } = await loadForAction(tx, actor, signalId, 'refer');
		if (!signal.is_help_request || !signal.resident_id) throw new Conflict('consent_not_needed', 'Only a help request of a known resident needs a consent');
		const receiverId = String(input.toOrganisationId ?? '');
		if (receiverId && !(await receiversFor(tx, signal)).some((o) => o.id === receiverId))
			throw Invalid.field('toOrganisationId', 'referral_outside_area', 'This organisation does not work where the signal is');
		await recordConsent(
			tx,
			actor,
			{
				residentId: signal.resident_id,
				organisationId: receiverId,
				scope: 'help_request',
				purpose: input.purpose as string,
				contactPhone: input.contactPhone as string | undefined,
				contactEmail: input.contactEmail as string | undefined
			},
			{ helpRequestHandledBy: signal.organisation_id }
		);
	});
}

/** The receiver's own routing rule for this category (most specific area first) gives the deadline; else 5 days. */
async function receiverDeadlineDays(db: Db, categoryId: string | null, areaId: string | null, organisationId: string): Promise<number> {
	if (!categoryId) return DEFAULT_REFERRAL_DAYS;
	const rules = await db.selectFrom('routing_rules').selectAll().where('category_id', '=', categoryId).where('organisation_id', '=', organisationId).execute();
	if (rules.length === 0) return DEFAULT_REFERRAL_DAYS;
	return (routeSignal(rules, await areaChain(db, areaId), new Date()) ?? { deadlineDays: rules[0].deadline_days }).deadlineDays;
}

/** Refers the signal to another organisation (and perhaps one of its teams), with a deadline, and mails the receiver. */
export async function referSignal(db: Db, actor: Actor, signalId: string, input: ReferInput, options: HandlingOptions): Promise<Referral> {
	const v = parseInput(referInput, input);
	const nowDate = options.now ?? new Date();
	const now = nowDate.toISOString();
	return inTransaction(db, async (tx) => {
		const { signal } = await loadForAction(tx, actor, signalId, 'refer');
		if (!isStaff(actor)) throw new Forbidden();
		const { receiver, consentId } = await checkReferral(tx, signal, v);
		const days = v.deadlineDays ?? (await receiverDeadlineDays(tx, signal.category_id, signal.area_id, receiver.id));
		const row: Referral = {
			id: newId(nowDate.getTime()),
			signal_id: signalId,
			from_organisation_id: signal.organisation_id,
			to_organisation_id: receiver.id,
			to_team_id: v.toTeamId ?? null,
			note: v.note,
			status: 'pending',
			response: null,
			consent_id: consentId,
			deadline_at: deadlineFor(nowDate, days).toISOString(),
			created_by: actor.id,
			created_at: now,
			responded_by: null,
			responded_at: null
		};
		await tx.insertInto('referrals').values(row).execute();
		await addEvent(tx, actor, signalId, {
			kind: 'referral',
			visibility: 'internal',
			at: now,
			body: v.note,
			data: { referralId: row.id, status: 'pending', toOrganisationId: receiver.id, toOrganisationName: receiver.name, deadlineAt: row.deadline_at }
		});
		await mailReferral(tx, actor, signal, row, options.baseUrl);
		await audit(tx, actor, {
			action: 'referral_create',
			resourceType: 'signal',
			resourceId: signalId,
			summary: `referral ${row.id} to ${receiver.id}${consentId ? ` with consent ${consentId}` : ''}`
		});
		return row;
	});
}

/**
 * Whether the signal may go to this receiver: an open signal, another organisation that works where it is, a team of
 * that organisation, no referral to it waiting already, and for a help request the resident's consent in force.
 */
async function checkReferral(
	tx: Db,
	signal: Signal,
	v: z.output<typeof referInput>
): Promise<{ receiver: { id: string; name: string }; consentId: string | null }> {
	if (signal.merged_into_id) throw new Conflict('signal_merged', 'This signal was merged into another one');
	if (!isOpen(signal.status)) throw new Conflict('referral_signal_not_open', 'Reopen the signal before referring it');
	const receiver = await tx.selectFrom('organisations').select(['id', 'name']).where('id', '=', v.toOrganisationId).executeTakeFirst();
	if (!receiver) throw new Invalid([{ path: 'toOrganisationId', code: 'unknown_organisation', message: 'No such organisation' }]);
	if (receiver.id === signal.organisation_id)
		throw new Invalid([{ path: 'toOrganisationId', code: 'referral_same_organisation', message: 'This organisation handles the signal already' }]);
	// A signal goes only to an organisation that works where it is: what it says about a place stays with who works there.
	if (!(await receiversFor(tx, signal)).some((o) => o.id === receiver.id))
		throw Invalid.field('toOrganisationId', 'referral_outside_area', 'This organisation does not work where the signal is');
	if (v.toTeamId) {
		const team = await tx.selectFrom('teams').select('id').where('id', '=', v.toTeamId).where('organisation_id', '=', receiver.id).executeTakeFirst();
		if (!team) throw new Invalid([{ path: 'toTeamId', code: 'team_not_in_organisation', message: 'The team must belong to the organisation' }]);
	}
	const pending = await tx
		.selectFrom('referrals')
		.select('id')
		.where('signal_id', '=', signal.id)
		.where('to_organisation_id', '=', receiver.id)
		.where('status', '=', 'pending')
		.executeTakeFirst();
	if (pending) throw new Conflict('referral_pending', 'A referral to this organisation waits for an answer already');
	// A help request is someone's own situation: the partner may know it only with the resident's consent.
	if (!signal.is_help_request) return { receiver, consentId: null };
	const consentId = await helpConsentInForce(tx, signal.resident_id, receiver.id);
	if (!consentId)
		throw new Invalid(
			[
				{
					path: 'toOrganisationId',
					code: 'consent_required',
					message: 'Record the resident’s consent for this organisation first',
					params: { organisation: receiver.name }
				}
			],
			'consent_required'
		);
	return { receiver, consentId };
}

/** Mails the receiving organisation (or its team) that a referral waits for them, signed by the referring organisation. */
async function mailReferral(tx: Db, actor: StaffActor, signal: Signal, row: Referral, baseUrl: string): Promise<void> {
	const from =
		(signal.organisation_id ? (await tx.selectFrom('organisations').select('name').where('id', '=', signal.organisation_id).executeTakeFirst())?.name : null) ??
		actor.name;
	for (const r of await organisationRecipients(tx, row.to_organisation_id, row.to_team_id)) {
		await enqueueMail(
			tx,
			referralMail({
				to: r.email,
				locale: r.locale,
				name: r.name,
				reference: signal.reference,
				from,
				note: row.note,
				deadline: formatDeadline(row.deadline_at!, r.locale),
				link: `${baseUrl}/staff/referrals`
			})
		);
	}
}

async function loadReferral(db: Db, id: string): Promise<Referral> {
	const referral = await db.selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirst();
	if (!referral) throw new NotFound('referral', id);
	return referral;
}

/** The receiver answers. Accepting makes it the responsible organisation of the signal, with the referral's deadline. */
export async function respondToReferral(db: Db, actor: Actor, referralId: string, input: RespondInput, options: HandlingOptions): Promise<Referral> {
	const v = parseInput(respondInput, input);
	if (!v.accept && !v.reason) throw new Invalid([{ path: 'reason', code: 'decline_reason_required', message: 'Say why you decline: the referrer reads it' }]);
	const now = (options.now ?? new Date()).toISOString();
	return inTransaction(db, async (tx) => {
		const referral = await loadReferral(tx, referralId);
		authorize(actor, 'respond', 'referral', { toOrganisationId: referral.to_organisation_id });
		if (!isStaff(actor)) throw new Forbidden();
		if (referral.status !== 'pending')
			throw new Conflict('referral_not_pending', 'This referral was answered or withdrawn already', { status: referral.status });
		const signal = await tx.selectFrom('signals').selectAll().where('id', '=', referral.signal_id).executeTakeFirstOrThrow();
		const status: ReferralStatus = v.accept ? 'accepted' : 'declined';
		const patch = { status, response: v.reason ?? null, responded_by: actor.id, responded_at: now };
		await tx.updateTable('referrals').set(patch).where('id', '=', referralId).execute();
		if (v.accept) {
			// Another pending referral of the same signal would now come from the wrong organisation: it lapses.
			await tx
				.updateTable('referrals')
				.set({ status: 'withdrawn', response: null, responded_at: now })
				.where('signal_id', '=', signal.id)
				.where('status', '=', 'pending')
				.where('id', '!=', referralId)
				.execute();
			await tx
				.updateTable('signals')
				.set({
					organisation_id: referral.to_organisation_id,
					team_id: referral.to_team_id,
					assignee_id: null,
					deadline_at: referral.deadline_at,
					updated_at: now,
					consent_id: referral.consent_id ?? signal.consent_id
				})
				.where('id', '=', signal.id)
				.execute();
		}
		const receiver = await tx.selectFrom('organisations').select('name').where('id', '=', referral.to_organisation_id).executeTakeFirstOrThrow();
		await addEvent(tx, actor, signal.id, {
			kind: 'referral',
			visibility: 'internal',
			at: now,
			body: v.reason ?? null,
			data: {
				referralId,
				status,
				toOrganisationId: referral.to_organisation_id,
				toOrganisationName: receiver.name,
				deadlineAt: v.accept ? referral.deadline_at : null
			}
		});
		// The loop is closed: the worker who referred hears the outcome.
		const referrer = referral.created_by
			? await tx.selectFrom('users').select(['email', 'name', 'locale']).where('id', '=', referral.created_by).where('is_active', '=', true).executeTakeFirst()
			: undefined;
		if (referrer) {
			await enqueueMail(
				tx,
				referralOutcomeMail({
					to: referrer.email,
					locale: referrer.locale,
					name: referrer.name,
					reference: signal.reference,
					receiver: receiver.name,
					accepted: v.accept,
					reason: v.reason,
					link: `${options.baseUrl}/staff/referrals`
				})
			);
		}
		await audit(tx, actor, {
			action: v.accept ? 'referral_accept' : 'referral_decline',
			resourceType: 'signal',
			resourceId: signal.id,
			summary: `referral ${referralId}`
		});
		return { ...referral, ...patch };
	});
}

/** The referring organisation takes a referral back while it waits for an answer. */
export async function withdrawReferral(db: Db, actor: Actor, referralId: string, options: { now?: Date } = {}): Promise<Referral> {
	const now = (options.now ?? new Date()).toISOString();
	return inTransaction(db, async (tx) => {
		const referral = await loadReferral(tx, referralId);
		if (!isStaff(actor) || !actor.organisationId || (actor.organisationId !== referral.from_organisation_id && actor.id !== referral.created_by))
			throw new Forbidden();
		authorize(actor, 'create', 'signal'); // a staff role that refers at all
		if (referral.status !== 'pending')
			throw new Conflict('referral_not_pending', 'This referral was answered or withdrawn already', { status: referral.status });
		const patch = { status: 'withdrawn' as const, responded_at: now };
		await tx.updateTable('referrals').set(patch).where('id', '=', referralId).execute();
		await addEvent(tx, actor, referral.signal_id, {
			kind: 'referral',
			visibility: 'internal',
			at: now,
			data: { referralId, status: 'withdrawn', toOrganisationId: referral.to_organisation_id }
		});
		await audit(tx, actor, { action: 'referral_withdraw', resourceType: 'signal', resourceId: referral.signal_id, summary: `referral ${referralId}` });
		return { ...referral, ...patch };
	});
}

export type ReferralListItem = {
	id: string;
	signalId: string;
	reference: string;
	kind: string;
	isHelpRequest: boolean;
	categoryName: string | null;
	fromOrganisationName: string | null;
	toOrganisationName: string;
	toTeamName: string | null;
	createdByName: string | null;
	note: string;
	status: ReferralStatus;
	response: string | null;
	deadlineAt: string | null;
	createdAt: string;
	respondedAt: string | null;
	overdue: boolean;
};

function listQuery(db: Db) {
	return db
		.selectFrom('referrals as r')
		.innerJoin('signals as s', 's.id', 'r.signal_id')
		.innerJoin('organisations as tor', 'tor.id', 'r.to_organisation_id')
		.leftJoin('organisations as fo', 'fo.id', 'r.from_organisation_id')
		.leftJoin('teams as t', 't.id', 'r.to_team_id')
		.leftJoin('users as u', 'u.id', 'r.created_by')
		.leftJoin('signal_categories as c', 'c.id', 's.category_id')
		.select([
			'r.id',
			'r.signal_id',
			's.reference',
			's.kind',
			's.is_help_request',
			'c.name as category_name',
			'fo.name as from_name',
			'tor.name as to_name',
			't.name as team_name',
			'u.name as created_by_name',
			'r.note',
			'r.status',
			'r.response',
			'r.deadline_at',
			'r.created_at',
			'r.responded_at'
		]);
}

type Row = Awaited<ReturnType<ReturnType<typeof listQuery>['execute']>>[number];
const toItem = (r: Row, nowIso: string): ReferralListItem => ({
	id: r.id,
	signalId: r.signal_id,
	reference: r.reference,
	kind: r.kind,
	isHelpRequest: r.is_help_request,
	categoryName: r.category_name,
	fromOrganisationName: r.from_name,
	toOrganisationName: r.to_name,
	toTeamName: r.team_name,
	createdByName: r.created_by_name,
	note: r.note,
	status: r.status,
	response: r.response,
	deadlineAt: r.deadline_at,
	createdAt: r.created_at,
	respondedAt: r.responded_at,
	overdue: r.status === 'pending' && !!r.deadline_at && r.deadline_at < nowIso
});

/** Referrals to the reader's organisation: the waiting ones first (by deadline), then the last 50 answered. */
export async function incomingReferrals(db: Db, actor: Actor, now = new Date()): Promise<ReferralListItem[]> {
	authorize(actor, 'list', 'signal');
	if (!isStaff(actor) || !actor.organisationId) return [];
	const org = actor.organisationId;
	const [pending, answered] = await Promise.all([
		listQuery(db)
			.where('r.to_organisation_id', '=', org)
			.where('r.status', '=', 'pending')
			.orderBy('r.deadline_at')
			.orderBy('r.created_at')
			.limit(200)
			.execute(),
		listQuery(db).where('r.to_organisation_id', '=', org).where('r.status', '!=', 'pending').orderBy('r.created_at', 'desc').limit(50).execute()
	]);
	return [...pending, ...answered].map((r) => toItem(r, now.toISOString()));
}

/** Referrals the reader's organisation (or the reader) made, newest first, with the receiver's answer. */
export async function outgoingReferrals(db: Db, actor: Actor, now = new Date()): Promise<ReferralListItem[]> {
	authorize(actor, 'list', 'signal');
	if (!isStaff(actor)) return [];
	const rows = await listQuery(db)
		.where((eb) => eb.or([eb('r.from_organisation_id', '=', actor.organisationId ?? ''), eb('r.created_by', '=', actor.id)]))
		.orderBy('r.created_at', 'desc')
		.limit(100)
		.execute();
	return rows.map((r) => toItem(r, now.toISOString()));
}
