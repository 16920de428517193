// Handling a signal: status changes along the transition table, notes and messages to the reporter, assignment,
// confirming or changing the category. Each is one transaction with its timeline event, mails and audit entry.
import { audit, authorize, can, isStaff, noReach, type Actor, type StaffActor } from '../../access';
import type { SignalContext } from '../../access';
import { activeStaffAccountOf, hashToken, newToken } from '../../auth';
import { issueTrackingToken } from '../intake/tracking-links';
import { inTransaction, type Db } from '../../db';
import { newId } from '../../db';
import type { Role, Signal, SignalStatus } from '../../db';
import { Conflict, Invalid, NotFound } from '../../errors';
import { enqueueMail } from '../../mail';
import { parseInput } from '../../validation';
import { formatDeadline } from '../format';
import { assignmentMail, feedbackMail, messageMail, statusMail } from '../mails';
import { canMove, noteInput, REPORTER_IS_TOLD, statusChangeInput, type NoteInput, type StatusChangeInput } from '../model';
import { routeSignal } from '../routing/routing';
import { addEvent } from './timeline';
import { routingRulesAlong } from '../routing/area-chain';
import { areaPath } from '../../areas';

export const FEEDBACK_DAYS = 14;

export async function signalContext(
	db: Db,
	signal: Pick<Signal, 'id' | 'organisation_id' | 'is_help_request' | 'created_by' | 'area_id'>
): Promise<SignalContext> {
	const [referrals, path] = await Promise.all([
		db
			.selectFrom('referrals')
			.select(['to_organisation_id', 'from_organisation_id', 'status'])
			.where('signal_id', '=', signal.id)
			.where('status', 'in', ['pending', 'accepted'])
			.execute(),
		areaPath(db, signal.area_id)
	]);
	return {
		areaPath: path,
		organisationId: signal.organisation_id,
		referredOrganisationIds: referrals.map((r) => r.to_organisation_id),
		referringOrganisationIds: referrals.filter((r) => r.status === 'accepted' && r.from_organisation_id).map((r) => r.from_organisation_id!),
		isHelpRequest: signal.is_help_request,
		createdBy: signal.created_by
	};
}

/** Loads the signal for an action, checks the policy, and returns it with its context. */
export async function loadForAction(db: Db, actor: Actor, id: string, action: string): Promise<{ signal: Signal; ctx: SignalContext }> {
	const signal = await db.selectFrom('signals').selectAll().where('id', '=', id).executeTakeFirst();
	if (!signal) throw new NotFound('signal', id);
	const ctx = await signalContext(db, signal);
	authorize(actor, action, 'signal', ctx);
	return { signal, ctx };
}

/**
 * Who hears of a signal by mail (not anonymised, with an address): its reporters, residents who said "me too" on it,
 * and the reporters of signals merged into it. `own` marks who reported this very signal: the messages and status
 * reasons staff write to "the reporter" are theirs alone. Everyone else follows the signal's public summary and hears
 * of its status changes, never what was written to someone else.
 */
export async function reachableReporters(db: Db, signalId: string): Promise<Array<{ id: string; email: string; language: string; own: boolean }>> {
	const rows = await db
		.selectFrom('signal_reporters as r')
		.innerJoin('signals as s', 's.id', 'r.signal_id')
		.select(['r.id', 'r.email', 'r.language', 'r.is_original', 'r.signal_id'])
		.where((eb) => eb.or([eb('s.id', '=', signalId), eb('s.merged_into_id', '=', signalId)]))
		.where('r.email', 'is not', null)
		.where('r.anonymised_at', 'is', null)
		.orderBy('r.created_at')
		.execute();
	return rows.filter((r) => !!r.email).map((r) => ({ id: r.id, email: r.email!, language: r.language, own: r.is_original && r.signal_id === signalId }));
}

/** A fresh tracking link for a reporter: only hashes are stored, so a mail carries a new secret; earlier links keep working. */
async function trackingLink(tx: Db, reporterId: string, baseUrl: string): Promise<string> {
	return `${baseUrl}/volgen/${await issueTrackingToken(tx, reporterId)}`;
}

export type HandlingOptions = { baseUrl: string; now?: Date };

export async function changeStatus(db: Db, actor: Actor, id: string, input: StatusChangeInput, options: HandlingOptions): Promise<Signal> {
	const v = parseInput(statusChangeInput, input);
	return inTransaction(db, async (tx) => {
		const { signal } = await loadForAction(tx, actor, id, 'handle');
		if (signal.merged_into_id) throw new Conflict('signal_merged', 'This signal was merged into another one');
		if (!canMove(signal.status, v.status))
			throw new Invalid([
				{
					path: 'status',
					code: 'transition_not_allowed',
					message: `Cannot go from ${signal.status} to ${v.status}`,
					params: { from: signal.status, to: v.status }
				}
			]);
		const now = (options.now ?? new Date()).toISOString();
		const reopening = ['resolved', 'closed', 'rejected', 'not_our_task'].includes(signal.status) && v.status === 'accepted';
		const patch = {
			status: v.status,
			status_reason: v.reason ?? null,
			updated_at: now,
			first_response_at: signal.first_response_at ?? now,
			resolved_at: v.status === 'resolved' ? now : reopening ? null : signal.resolved_at,
			closed_at: ['closed', 'rejected', 'not_our_task'].includes(v.status) ? now : reopening ? null : signal.closed_at
		};
		await tx.updateTable('signals').set(patch).where('id', '=', id).execute();
		await addEvent(tx, actor, id, {
			kind: 'status',
			fromStatus: signal.status,
			toStatus: v.status,
			body: v.reason ?? null,
			visibility: 'reporter',
			at: now,
			data: reopening ? { reopened: true } : null
		});
		if (v.message) await addEvent(tx, actor, id, { kind: 'message', body: v.message, visibility: 'reporter', at: now });
		if (REPORTER_IS_TOLD.includes(v.status) && !reopening) {
			for (const r of await reachableReporters(tx, id)) {
				const link = await trackingLink(tx, r.id, options.baseUrl);
				// The reason and the message are written to the reporter: the others hear of the new status only.
				await enqueueMail(
					tx,
					statusMail({
						to: r.email,
						locale: r.language,
						reference: signal.reference,
						status: v.status,
						reason: r.own ? v.reason : null,
						message: r.own ? v.message : null,
						link
					})
				);
				if (v.status === 'resolved') await sendFeedbackCheck(tx, id, signal.reference, r, options);
			}
		}
		await audit(tx, actor, { action: 'signal_status', resourceType: 'signal', resourceId: id, summary: `${signal.status} → ${v.status}` });
		return { ...signal, ...patch };
	});
}

/** "Is it solved?": one question, open for 14 days; a "no" reopens the signal (see feedback.ts). */
async function sendFeedbackCheck(
	tx: Db,
	signalId: string,
	reference: string,
	reporter: { id: string; email: string; language: string },
	options: HandlingOptions
): Promise<void> {
	const token = newToken();
	const now = options.now ?? new Date();
	await tx
		.insertInto('signal_feedback')
		.values({
			id: newId(),
			signal_id: signalId,
			reporter_id: reporter.id,
			token_hash: hashToken(token),
			sent_at: now.toISOString(),
			expires_at: new Date(now.getTime() + FEEDBACK_DAYS * 86_400_000).toISOString(),
			answered_at: null,
			answer: null,
			comment: null
		})
		.execute();
	const base = `${options.baseUrl}/opgelost/${token}`;
	await enqueueMail(
		tx,
		feedbackMail({
			to: reporter.email,
			locale: reporter.language,
			reference,
			solvedLink: `${base}?antwoord=ja`,
			notSolvedLink: `${base}?antwoord=nee`,
			days: FEEDBACK_DAYS
		})
	);
}

/**
 * An internal note, or — with toReporter — a message the reporter reads on the tracking page and gets by mail. Only
 * the reporter: not a neighbour who said "me too", nor the reporter of a signal merged into this one.
 */
export async function addNote(db: Db, actor: Actor, id: string, input: NoteInput, options: HandlingOptions): Promise<void> {
	const v = parseInput(noteInput, input);
	await inTransaction(db, async (tx) => {
		const { signal } = await loadForAction(tx, actor, id, 'handle');
		const now = (options.now ?? new Date()).toISOString();
		await addEvent(tx, actor, id, { kind: v.toReporter ? 'message' : 'note', body: v.body, visibility: v.toReporter ? 'reporter' : 'internal', at: now });
		const patch = { updated_at: now, first_response_at: v.toReporter ? (signal.first_response_at ?? now) : signal.first_response_at };
		await tx.updateTable('signals').set(patch).where('id', '=', id).execute();
		if (v.toReporter) {
			for (const r of (await reachableReporters(tx, id)).filter((r) => r.own)) {
				await enqueueMail(
					tx,
					messageMail({ to: r.email, locale: r.language, reference: signal.reference, message: v.body, link: await trackingLink(tx, r.id, options.baseUrl) })
				);
			}
		}
		await audit(tx, actor, { action: v.toReporter ? 'signal_message' : 'signal_note', resourceType: 'signal', resourceId: id, summary: null });
	});
}

type Colleague = { id: string; name: string; email: string; role: Role; organisation_id: string | null };

/**
 * May this colleague handle the signal (with its context), or handle signals at all (without one)? The access policy
 * asked for them as if they acted: an admin of the organisation may not, so she is never put on a signal (she would
 * get mails with links she cannot open).
 */
export function mayHandle(u: Colleague, ctx?: SignalContext): boolean {
	const asActor: StaffActor = {
		kind: 'staff',
		id: u.id,
		name: u.name,
		email: u.email,
		role: u.role,
		organisationId: u.organisation_id,
		organisationKind: null,
		teamIds: [],
		reach: noReach
	};
	return can(asActor, 'handle', 'signal', ctx);
}

/** Puts the signal on a colleague's name (of the responsible organisation, who may handle it); they get a mail. null unassigns. */
export async function assignSignal(db: Db, actor: Actor, id: string, assigneeId: string | null, options: HandlingOptions): Promise<void> {
	await inTransaction(db, async (tx) => {
		const { signal, ctx } = await loadForAction(tx, actor, id, 'handle');
		let assignee: (Colleague & { locale: string }) | undefined;
		if (assigneeId) {
			assignee = (await activeStaffAccountOf(tx, assigneeId, signal.organisation_id ?? '')) ?? undefined;
			if (!assignee)
				throw new Invalid([
					{ path: 'assigneeId', code: 'assignee_not_in_organisation', message: 'Choose someone of the organisation that handles this signal' }
				]);
			if (!mayHandle(assignee, ctx))
				throw new Invalid([
					{
						path: 'assigneeId',
						code: 'assignee_cannot_handle',
						message: 'Choose someone who handles signals: this person cannot open them',
						params: { name: assignee.name }
					}
				]);
		}
		const now = (options.now ?? new Date()).toISOString();
		await tx
			.updateTable('signals')
			.set({ assignee_id: assignee?.id ?? null, updated_at: now })
			.where('id', '=', id)
			.execute();
		await addEvent(tx, actor, id, {
			kind: 'assigned',
			visibility: 'internal',
			at: now,
			body: assignee?.name ?? null,
			data: { assigneeId: assignee?.id ?? null }
		});
		if (assignee && (!isStaff(actor) || actor.id !== assignee.id)) {
			const category = signal.category_id
				? await tx.selectFrom('signal_categories').select(['name', 'name_fr', 'name_en']).where('id', '=', signal.category_id).executeTakeFirst()
				: undefined;
			const categoryName =
				(assignee.locale === 'fr' ? category?.name_fr : assignee.locale === 'en' ? category?.name_en : null) ?? category?.name ?? signal.kind;
			await enqueueMail(
				tx,
				assignmentMail({
					to: assignee.email,
					locale: assignee.locale,
					name: assignee.name,
					reference: signal.reference,
					category: categoryName,
					deadline: signal.deadline_at ? formatDeadline(signal.deadline_at, assignee.locale) : null,
					link: `${options.baseUrl}/staff/signals/${id}`
				})
			);
		}
		await audit(tx, actor, { action: 'signal_assign', resourceType: 'signal', resourceId: id, summary: assignee ? `to ${assignee.id}` : 'unassigned' });
	});
}

/**
 * A person confirms or changes the category. With `reroute`, the routing rules run again for the new category
 * (another organisation, team and deadline counted from the original intake). The confirmed category teaches the
 * classifier.
 */
export async function setCategory(db: Db, actor: Actor, id: string, categoryId: string, options: HandlingOptions & { reroute?: boolean }): Promise<Signal> {
	return inTransaction(db, async (tx) => {
		const { signal } = await loadForAction(tx, actor, id, 'handle');
		const category = await tx.selectFrom('signal_categories').select(['id', 'kind', 'key']).where('id', '=', categoryId).executeTakeFirst();
		if (!category) throw new Invalid([{ path: 'categoryId', code: 'unknown_category', message: 'No such category' }]);
		const now = (options.now ?? new Date()).toISOString();
		const patch: Partial<Signal> = {
			category_id: category.id,
			kind: category.kind,
			is_help_request: signal.is_help_request || category.kind === 'help',
			updated_at: now
		};
		if (options.reroute) {
			const { rules, chain } = await routingRulesAlong(tx, category.id, signal.area_id);
			const routed = routeSignal(rules, chain, new Date(signal.created_at));
			if (routed)
				Object.assign(patch, {
					organisation_id: routed.organisationId,
					team_id: routed.teamId,
					deadline_at: routed.deadlineAt,
					priority: routed.priority,
					assignee_id: routed.organisationId === signal.organisation_id ? signal.assignee_id : null
				});
		}
		await tx.updateTable('signals').set(patch).where('id', '=', id).execute();
		await addEvent(tx, actor, id, {
			kind: 'category',
			visibility: 'internal',
			at: now,
			data: { from: signal.category_id, to: category.id, rerouted: !!options.reroute, organisationId: patch.organisation_id ?? signal.organisation_id }
		});
		await audit(tx, actor, { action: 'signal_category', resourceType: 'signal', resourceId: id, summary: `${signal.category_id ?? '-'} → ${category.id}` });
		return { ...signal, ...patch } as Signal;
	});
}

export const statusIsFinal = (s: SignalStatus) => s === 'closed';
