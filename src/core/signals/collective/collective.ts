// Collective issues: signals of one estate and theme bundled into one issue, with its figures, for talks with the
// housing company or the municipality ("38 damp signals on Wallaysplein this year, half solved late"). A help request
// is someone's own situation and is never bundled; lists and exports carry no contact details and no descriptions.
// After the talk the issue is closed with its outcome (what was agreed or decided); it can be reopened when the
// agreement is not kept. A closed issue takes no signals in or out: it is the record of what was discussed.
import { z } from 'zod';
import { audit, authorize, can, type Actor, type StaffActor } from '../../access';
import type { CollectiveContext } from '../../access';
import { areaPath, insideAreas } from '../../areas';
import { inTransaction, type Db } from '../../db';
import { newId } from '../../db';
import type { CollectiveIssue, SignalStatus } from '../../db';
import { Conflict, Invalid, NotFound } from '../../errors';
import { csvFile, spreadsheetText } from '../../formats';
import { omittableId, parseInput } from '../../validation';
import { figuresOf, figuresFilter, scoped, scopeOf, type Figures, type FiguresFilter, type GroupFigures, type Outcomes } from '../figures/figures';
import { signalContext } from '../handling/handling';
import { OPEN_STATUSES } from '../model';
import { addEvent } from '../handling/timeline';

export const MAX_BUNDLE = 2000;

const id = z.string().trim().min(1).max(64);
const signalIds = z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(id).min(1).max(MAX_BUNDLE)).transform((ids) => [...new Set(ids)]);

export const collectiveInput = z.object({
	title: z.string().trim().min(3).max(200),
	description: z
		.string()
		.trim()
		.max(5000)
		.optional()
		.transform((v) => v || null),
	areaId: omittableId,
	estateId: omittableId,
	categoryId: omittableId,
	signalIds
});
export type CollectiveInput = z.input<typeof collectiveInput>;

export const outcomeInput = z.object({
	/** What was agreed with the housing company or decided by the municipality. */
	outcome: z.string().trim().min(3).max(5000)
});
export type OutcomeInput = z.input<typeof outcomeInput>;

export const COLLECTIVE_STATUSES = ['open', 'closed'] as const;
export type CollectiveStatus = (typeof COLLECTIVE_STATUSES)[number];
/** How much of the outcome a list shows; the issue's page shows all of it. */
export const OUTCOME_EXCERPT = 280;

export type CollectiveSummary = {
	id: string;
	title: string;
	status: CollectiveStatus;
	areaName: string | null;
	estateName: string | null;
	categoryName: string | null;
	signals: number;
	open: number;
	createdAt: string;
	closedAt: string | null;
	/** The start of the outcome (at most OUTCOME_EXCERPT characters, "…" when cut). */
	outcome: string | null;
};
export type CollectiveSignal = {
	id: string;
	reference: string;
	categoryName: string | null;
	categoryNameFr: string | null;
	categoryNameEn: string | null;
	estateName: string | null;
	status: SignalStatus;
	createdAt: string;
	deadlineAt: string | null;
	resolvedAt: string | null;
	overdue: boolean;
};
export type CollectiveView = {
	issue: CollectiveIssue & {
		areaName: string | null;
		estateName: string | null;
		categoryName: string | null;
		createdByName: string | null;
		closedByName: string | null;
	};
	figures: Figures;
	signals: CollectiveSignal[];
	can: { update: boolean };
};

/** The signals to bundle: they must exist, be readable by the actor and not be help requests. */
async function bundleable(tx: Db, actor: Actor, ids: string[]): Promise<Array<{ id: string; collective_issue_id: string | null }>> {
	const rows = await tx
		.selectFrom('signals')
		.select(['id', 'organisation_id', 'is_help_request', 'created_by', 'area_id', 'collective_issue_id'])
		.where('id', 'in', ids)
		.execute();
	const missing = ids.filter((i) => !rows.some((r) => r.id === i));
	if (missing.length > 0) throw new Invalid([{ path: 'signalIds', code: 'unknown_signal', message: 'No such signal', params: { count: missing.length } }]);
	if (rows.some((r) => r.is_help_request))
		throw new Invalid([{ path: 'signalIds', code: 'help_request_not_bundled', message: 'A help request is never bundled into a collective issue' }]);
	for (const r of rows) {
		if (!can(actor, 'read', 'signal', await signalContext(tx, r)))
			throw new Invalid([{ path: 'signalIds', code: 'unknown_signal', message: 'No such signal', params: { count: 1 } }]);
	}
	return rows;
}

/** Where a collective issue is (its estate's or its own area path) and the organisation of who opened it. */
async function collectiveContext(db: Db, issue: Pick<CollectiveIssue, 'area_id' | 'estate_id' | 'created_by'>): Promise<CollectiveContext> {
	const [estate, creator] = await Promise.all([
		issue.estate_id ? db.selectFrom('estates').select(['area_id', 'housing_company_id']).where('id', '=', issue.estate_id).executeTakeFirst() : undefined,
		issue.created_by ? db.selectFrom('users').select('organisation_id').where('id', '=', issue.created_by).executeTakeFirst() : undefined
	]);
	return {
		areaPath: await areaPath(db, estate?.area_id ?? issue.area_id),
		housingCompanyId: estate?.housing_company_id ?? null,
		organisationId: creator?.organisation_id ?? null
	};
}

/** The issue, if the actor may `action` it (reading it comes first). */
async function loadIssueFor(db: Db, actor: Actor, id: string, action: 'read' | 'update'): Promise<{ issue: CollectiveIssue; ctx: CollectiveContext }> {
	const issue = await loadIssue(db, id);
	const ctx = await collectiveContext(db, issue);
	authorize(actor, 'read', 'collective-issue', ctx);
	authorize(actor, action, 'collective-issue', ctx);
	return { issue, ctx };
}

async function checkPlace(tx: Db, v: { areaId?: string; estateId?: string; categoryId?: string }): Promise<void> {
	if (v.areaId && !(await tx.selectFrom('areas').select('id').where('id', '=', v.areaId).executeTakeFirst()))
		throw new Invalid([{ path: 'areaId', code: 'unknown_area', message: 'No such area' }]);
	if (v.estateId && !(await tx.selectFrom('estates').select('id').where('id', '=', v.estateId).executeTakeFirst()))
		throw new Invalid([{ path: 'estateId', code: 'unknown_estate', message: 'No such estate' }]);
	if (v.categoryId && !(await tx.selectFrom('signal_categories').select('id').where('id', '=', v.categoryId).executeTakeFirst()))
		throw new Invalid([{ path: 'categoryId', code: 'unknown_category', message: 'No such category' }]);
}

async function attach(
	tx: Db,
	actor: Actor,
	issue: { id: string; title: string },
	rows: Array<{ id: string; collective_issue_id: string | null }>,
	now: string
): Promise<number> {
	// A signal in a closed issue stays there: its figures are what was agreed on. Reopen that issue to move it.
	const elsewhere = [...new Set(rows.map((r) => r.collective_issue_id).filter((id): id is string => !!id && id !== issue.id))];
	const closed = new Set(
		elsewhere.length === 0
			? []
			: (await tx.selectFrom('collective_issues').select('id').where('id', 'in', elsewhere).where('status', '=', 'closed').execute()).map((r) => r.id)
	);
	const fresh = rows.filter((r) => r.collective_issue_id !== issue.id && !(r.collective_issue_id && closed.has(r.collective_issue_id)));
	for (let i = 0; i < fresh.length; i += 500) {
		await tx
			.updateTable('signals')
			.set({ collective_issue_id: issue.id, updated_at: now })
			.where(
				'id',
				'in',
				fresh.slice(i, i + 500).map((r) => r.id)
			)
			.execute();
	}
	for (const r of fresh)
		await addEvent(tx, actor, r.id, {
			kind: 'collective',
			visibility: 'internal',
			at: now,
			body: issue.title,
			data: { collectiveIssueId: issue.id, previous: r.collective_issue_id }
		});
	return fresh.length;
}

export async function createCollectiveIssue(db: Db, actor: Actor, input: CollectiveInput, options: { now?: Date } = {}): Promise<CollectiveIssue> {
	authorize(actor, 'create', 'collective-issue');
	const v = parseInput(collectiveInput, input);
	const now = (options.now ?? new Date()).toISOString();
	return inTransaction(db, async (tx) => {
		await checkPlace(tx, v);
		authorize(actor, 'create', 'collective-issue', await collectiveContext(tx, { area_id: v.areaId ?? null, estate_id: v.estateId ?? null, created_by: null }));
		const rows = await bundleable(tx, actor, v.signalIds);
		const issue: CollectiveIssue = {
			id: newId(),
			title: v.title,
			description: v.description,
			area_id: v.areaId ?? null,
			estate_id: v.estateId ?? null,
			category_id: v.categoryId ?? null,
			status: 'open',
			outcome: null,
			closed_at: null,
			closed_by: null,
			created_by: actor.kind === 'staff' ? actor.id : null,
			created_at: now,
			updated_at: now
		};
		await tx.insertInto('collective_issues').values(issue).execute();
		await attach(tx, actor, issue, rows, now);
		await audit(tx, actor, { action: 'collective_create', resourceType: 'collective-issue', resourceId: issue.id, summary: `${rows.length} signals` });
		return issue;
	});
}

export const SELECTIONS = ['all', 'open', 'overdue'] as const;
export const selectionInput = z.object({
	areaId: omittableId,
	estateId: omittableId,
	categoryId: omittableId,
	from: z.string().trim().max(10).optional(),
	to: z.string().trim().max(10).optional(),
	/** Which signals of the filter: all of them, the open ones, or only those past their deadline. */
	which: z.enum(SELECTIONS).default('all')
});
export type SelectionInput = z.input<typeof selectionInput>;

/** The signals a filter selects for a bundle (never help requests), at most MAX_BUNDLE, oldest first. */
export async function selectForBundle(db: Db, actor: Actor, input: SelectionInput, now = new Date()): Promise<string[]> {
	authorize(actor, 'create', 'collective-issue');
	const v = parseInput(selectionInput, input);
	const f = parseInput(figuresFilter, { areaId: v.areaId, estateId: v.estateId, categoryId: v.categoryId, from: v.from ?? '', to: v.to ?? '' });
	let q = scoped(db, await scopeOf(db, f, now)).where('s.is_help_request', '=', false);
	if (v.which !== 'all') q = q.where('s.status', 'in', [...OPEN_STATUSES]);
	if (v.which === 'overdue') q = q.where('s.deadline_at', '<', now.toISOString());
	const rows = await q.select('s.id').orderBy('s.created_at').limit(MAX_BUNDLE).execute();
	return rows.map((r) => r.id);
}

/** "New collective issue" from the figures page: the signals the filter selects, bundled under a title. */
export async function createCollectiveFromSelection(
	db: Db,
	actor: Actor,
	input: SelectionInput & { title?: unknown; description?: unknown },
	options: { now?: Date } = {}
): Promise<CollectiveIssue> {
	const ids = await selectForBundle(db, actor, input, options.now);
	if (ids.length === 0) {
		parseInput(collectiveInput.omit({ signalIds: true }), input); // a missing title is said first
		throw new Invalid([{ path: 'which', code: 'no_signals_selected', message: 'No signal matches this choice' }]);
	}
	const v = parseInput(selectionInput, input);
	return createCollectiveIssue(
		db,
		actor,
		{
			title: input.title as string,
			description: input.description as string | undefined,
			areaId: v.areaId,
			estateId: v.estateId,
			categoryId: v.categoryId,
			signalIds: ids
		},
		options
	);
}

async function loadIssue(db: Db, id: string): Promise<CollectiveIssue> {
	const issue = await db.selectFrom('collective_issues').selectAll().where('id', '=', id).executeTakeFirst();
	if (!issue) throw new NotFound('collective-issue', id);
	return issue;
}

function mustBeOpen(issue: CollectiveIssue): void {
	if (issue.status === 'closed') throw new Conflict('transition_not_allowed', 'This collective issue is closed; reopen it first');
}

/** Closes the issue after the talk, with what was agreed or decided. */
export async function closeCollectiveIssue(db: Db, actor: Actor, issueId: string, input: OutcomeInput, options: { now?: Date } = {}): Promise<CollectiveIssue> {
	const v = parseInput(outcomeInput, input);
	const now = (options.now ?? new Date()).toISOString();
	return inTransaction(db, async (tx) => {
		mustBeOpen((await loadIssueFor(tx, actor, issueId, 'update')).issue);
		const changes = { status: 'closed' as const, outcome: v.outcome, closed_at: now, closed_by: actor.kind === 'staff' ? actor.id : null, updated_at: now };
		await tx.updateTable('collective_issues').set(changes).where('id', '=', issueId).execute();
		// The outcome itself stays out of the log (free text); the log says who closed it and when.
		await audit(tx, actor, { action: 'collective_close', resourceType: 'collective-issue', resourceId: issueId, summary: 'closed with an outcome' });
		return loadIssue(tx, issueId);
	});
}

/** Opens a closed issue again (the agreement was not kept, a new talk is needed); the earlier outcome is kept. */
export async function reopenCollectiveIssue(db: Db, actor: Actor, issueId: string, options: { now?: Date } = {}): Promise<CollectiveIssue> {
	const now = (options.now ?? new Date()).toISOString();
	return inTransaction(db, async (tx) => {
		const { issue } = await loadIssueFor(tx, actor, issueId, 'update');
		if (issue.status !== 'closed') throw new Conflict('transition_not_allowed', 'This collective issue is open already');
		await tx.updateTable('collective_issues').set({ status: 'open', closed_at: null, closed_by: null, updated_at: now }).where('id', '=', issueId).execute();
		await audit(tx, actor, {
			action: 'collective_reopen',
			resourceType: 'collective-issue',
			resourceId: issueId,
			summary: `closed since ${issue.closed_at ?? '?'}`
		});
		return loadIssue(tx, issueId);
	});
}

export async function addSignalsToCollective(db: Db, actor: Actor, issueId: string, ids: string[], options: { now?: Date } = {}): Promise<number> {
	const list = parseInput(signalIds, ids);
	const now = (options.now ?? new Date()).toISOString();
	return inTransaction(db, async (tx) => {
		const { issue } = await loadIssueFor(tx, actor, issueId, 'update');
		mustBeOpen(issue);
		const added = await attach(tx, actor, issue, await bundleable(tx, actor, list), now);
		await tx.updateTable('collective_issues').set({ updated_at: now }).where('id', '=', issueId).execute();
		await audit(tx, actor, { action: 'collective_add', resourceType: 'collective-issue', resourceId: issueId, summary: `${added} signals` });
		return added;
	});
}

export async function removeSignalsFromCollective(db: Db, actor: Actor, issueId: string, ids: string[], options: { now?: Date } = {}): Promise<number> {
	const list = parseInput(signalIds, ids);
	const now = (options.now ?? new Date()).toISOString();
	return inTransaction(db, async (tx) => {
		const { issue } = await loadIssueFor(tx, actor, issueId, 'update');
		mustBeOpen(issue);
		const inIssue = await tx.selectFrom('signals').select('id').where('id', 'in', list).where('collective_issue_id', '=', issueId).execute();
		if (inIssue.length > 0)
			await tx
				.updateTable('signals')
				.set({ collective_issue_id: null, updated_at: now })
				.where(
					'id',
					'in',
					inIssue.map((r) => r.id)
				)
				.execute();
		for (const r of inIssue)
			await addEvent(tx, actor, r.id, {
				kind: 'collective',
				visibility: 'internal',
				at: now,
				body: issue.title,
				data: { collectiveIssueId: null, previous: issueId }
			});
		await tx.updateTable('collective_issues').set({ updated_at: now }).where('id', '=', issueId).execute();
		await audit(tx, actor, { action: 'collective_remove', resourceType: 'collective-issue', resourceId: issueId, summary: `${inIssue.length} signals` });
		return inIssue.length;
	});
}

const excerpt = (text: string | null) => (text === null || text.length <= OUTCOME_EXCERPT ? text : `${text.slice(0, OUTCOME_EXCERPT - 1).trimEnd()}…`);

/** The issues, newest first; with a status, only the open or only the closed ones (those by when they were closed). */
export async function listCollectiveIssues(db: Db, actor: Actor, options: { status?: CollectiveStatus; limit?: number } = {}): Promise<CollectiveSummary[]> {
	authorize(actor, 'list', 'collective-issue');
	const status = options.status ? parseInput(z.enum(COLLECTIVE_STATUSES), options.status) : undefined;
	const rows = await db
		.selectFrom('collective_issues as ci')
		.leftJoin('areas as a', 'a.id', 'ci.area_id')
		.leftJoin('estates as e', 'e.id', 'ci.estate_id')
		.leftJoin('signal_categories as c', 'c.id', 'ci.category_id')
		.select((eb) => [
			'ci.id',
			'ci.title',
			'ci.status',
			'ci.created_at',
			'ci.closed_at',
			'ci.outcome',
			'a.name as area_name',
			'e.name as estate_name',
			'c.name as category_name',
			eb
				.selectFrom('signals as s')
				.select((x) => x.fn.countAll<number>().as('n'))
				.whereRef('s.collective_issue_id', '=', 'ci.id')
				.as('signals'),
			eb
				.selectFrom('signals as s')
				.select((x) => x.fn.countAll<number>().as('n'))
				.whereRef('s.collective_issue_id', '=', 'ci.id')
				.where('s.status', 'in', [...OPEN_STATUSES])
				.as('open')
		])
		// Issues where the reader's organisation works, or that its staff opened.
		.$if(actor.kind === 'staff', (q) =>
			q.where((eb) =>
				eb.or([
					insideAreas(eb.fn.coalesce('e.area_id', 'ci.area_id'), (actor as StaffActor).reach.areaIds),
					eb('e.housing_company_id', '=', (actor as StaffActor).organisationId ?? ''),
					eb.exists(
						eb
							.selectFrom('users as cu')
							.select('cu.id')
							.whereRef('cu.id', '=', 'ci.created_by')
							.where('cu.organisation_id', '=', (actor as StaffActor).organisationId ?? '')
					)
				])
			)
		)
		.$if(!!status, (q) => q.where('ci.status', '=', status!))
		.$if(status === 'closed', (q) => q.orderBy('ci.closed_at', 'desc'))
		.orderBy('ci.created_at', 'desc')
		.limit(Math.min(options.limit ?? 500, 500))
		.execute();
	return rows.map((r) => ({
		id: r.id,
		title: r.title,
		status: r.status,
		areaName: r.area_name,
		estateName: r.estate_name,
		categoryName: r.category_name,
		signals: Number(r.signals ?? 0),
		open: Number(r.open ?? 0),
		createdAt: r.created_at,
		closedAt: r.closed_at,
		outcome: excerpt(r.outcome)
	}));
}

async function issueSignals(db: Db, issueId: string, now: Date): Promise<CollectiveSignal[]> {
	const nowIso = now.toISOString();
	const rows = await db
		.selectFrom('signals as s')
		.leftJoin('signal_categories as c', 'c.id', 's.category_id')
		.leftJoin('estates as e', 'e.id', 's.estate_id')
		// Only what a figure needs: no description, no reporter, no contact details.
		.select(['s.id', 's.reference', 's.status', 's.created_at', 's.deadline_at', 's.resolved_at', 'c.name', 'c.name_fr', 'c.name_en', 'e.name as estate_name'])
		.where('s.collective_issue_id', '=', issueId)
		.where('s.is_help_request', '=', false)
		.orderBy('s.created_at')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		reference: r.reference,
		categoryName: r.name,
		categoryNameFr: r.name_fr,
		categoryNameEn: r.name_en,
		estateName: r.estate_name,
		status: r.status,
		createdAt: r.created_at,
		deadlineAt: r.deadline_at,
		resolvedAt: r.resolved_at,
		overdue: !!r.deadline_at && r.deadline_at < nowIso && (OPEN_STATUSES as readonly string[]).includes(r.status)
	}));
}

export async function getCollectiveIssue(db: Db, actor: Actor, id: string, now = new Date()): Promise<CollectiveView> {
	const { ctx } = await loadIssueFor(db, actor, id, 'read');
	const issue = await db
		.selectFrom('collective_issues as ci')
		.leftJoin('areas as a', 'a.id', 'ci.area_id')
		.leftJoin('estates as e', 'e.id', 'ci.estate_id')
		.leftJoin('signal_categories as c', 'c.id', 'ci.category_id')
		.leftJoin('users as u', 'u.id', 'ci.created_by')
		.leftJoin('users as cb', 'cb.id', 'ci.closed_by')
		.selectAll('ci')
		.select(['a.name as area_name', 'e.name as estate_name', 'c.name as category_name', 'u.name as created_by_name', 'cb.name as closed_by_name'])
		.where('ci.id', '=', id)
		.executeTakeFirst();
	if (!issue) throw new NotFound('collective-issue', id);
	const { area_name, estate_name, category_name, created_by_name, closed_by_name, ...row } = issue;
	const [figures, signals] = await Promise.all([figuresOf(db, { collectiveIssueId: id }, 'month', now), issueSignals(db, id, now)]);
	return {
		issue: { ...row, areaName: area_name, estateName: estate_name, categoryName: category_name, createdByName: created_by_name, closedByName: closed_by_name },
		figures,
		signals,
		can: { update: can(actor, 'update', 'collective-issue', ctx) }
	};
}

const hours = (h: number | null) => (h === null ? '' : h.toFixed(1));
const share = (s: number | null) => (s === null ? '' : (Math.round(s * 1000) / 10).toFixed(1));

/**
 * One row per signal of the issue: reference, category, estate, dates and status; no personal data. The issue's own
 * status and outcome close every row, so a spreadsheet filtered on signals still says what was agreed.
 */
export async function exportCollectiveCsv(db: Db, actor: Actor, id: string, now = new Date()): Promise<{ filename: string; csv: string }> {
	const { issue } = await loadIssueFor(db, actor, id, 'read');
	const signals = await issueSignals(db, id, now);
	const rows = [
		['reference', 'category', 'estate', 'status', 'created_at', 'deadline_at', 'resolved_at', 'on_time', 'overdue', 'issue_status', 'issue_outcome'],
		...signals.map((s) => [
			s.reference,
			spreadsheetText(s.categoryName),
			spreadsheetText(s.estateName),
			s.status,
			s.createdAt,
			s.deadlineAt ?? '',
			s.resolvedAt ?? '',
			s.resolvedAt && s.deadlineAt ? (s.resolvedAt <= s.deadlineAt ? 'yes' : 'no') : '',
			s.overdue ? 'yes' : 'no',
			issue.status,
			spreadsheetText(issue.outcome)
		])
	];
	await audit(db, actor, { action: 'collective_export', resourceType: 'collective-issue', resourceId: id, summary: `${signals.length} signals` });
	return { filename: `collective-${id.slice(0, 8)}.csv`, csv: csvFile(rows) };
}

const FIGURE_COLUMNS = [
	'group',
	'label',
	'total',
	'open',
	'overdue',
	'solved',
	'rejected',
	'not_our_task',
	'closed_unsolved',
	'help_requests',
	'on_time_percent',
	'median_first_response_hours',
	'median_resolution_hours',
	'median_first_response_working_days',
	'median_resolution_working_days'
];
type Times = { responseHours: number | null; resolutionHours: number | null; responseWorkingDays: number | null; resolutionWorkingDays: number | null };
const NO_TIMES: Times = { responseHours: null, resolutionHours: null, responseWorkingDays: null, resolutionWorkingDays: null };
const whole = (n: number | null) => (n === null ? '' : String(n));
function figureRow(group: string, label: string, o: Outcomes, t: Times): string[] {
	return [
		group,
		spreadsheetText(label),
		...[o.total, o.open, o.overdue, o.solved, o.rejected, o.notOurTask, o.closedUnsolved, o.helpRequests].map(String),
		share(o.onTimeShare),
		hours(t.responseHours),
		hours(t.resolutionHours),
		whole(t.responseWorkingDays),
		whole(t.resolutionWorkingDays)
	];
}

/** The figures as one table: the totals, then a row per month or week, per category and per estate. */
export function figuresCsv(f: Figures): string {
	// Working days (Belgian, as deadlines count them) of the middle signal, next to the median hours.
	const byGroup = (group: string, rows: GroupFigures[]) =>
		rows.map((g) =>
			figureRow(group, g.name ?? '-', g, {
				responseHours: g.medianFirstResponseHours,
				resolutionHours: g.medianResolutionHours,
				responseWorkingDays: g.medianFirstResponseWorkingDays,
				resolutionWorkingDays: g.medianResolutionWorkingDays
			})
		);
	const rows = [
		FIGURE_COLUMNS,
		figureRow('total', `${f.period.from}/${f.period.to}`, f.totals, {
			responseHours: f.firstResponse.medianHours,
			resolutionHours: f.resolution.medianHours,
			responseWorkingDays: f.firstResponse.medianWorkingDays,
			resolutionWorkingDays: f.resolution.medianWorkingDays
		}),
		...f.series.map((s) => figureRow(f.bucket, s.bucket, s, NO_TIMES)),
		...byGroup('category', f.byCategory),
		...byGroup('estate', f.byEstate)
	];
	return csvFile(rows);
}

/** The figures of a filter (the figures page) as CSV. */
export async function exportFiguresCsv(db: Db, actor: Actor, filter: FiguresFilter = {}, now = new Date()): Promise<{ filename: string; csv: string }> {
	authorize(actor, 'read', 'signal-figures');
	const f = parseInput(figuresFilter, filter);
	const scope = await scopeOf(db, f, now);
	const figures = await figuresOf(db, scope, f.bucket, now);
	return { filename: `figures-${scope.from}-${scope.to}.csv`, csv: figuresCsv(figures) };
}
