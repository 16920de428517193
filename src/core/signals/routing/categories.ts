// Categories and routing rules: what residents can report and who must act on it, per area. Coordinators shape them.
import { z } from 'zod';
import { audit, authorize, can, type Actor } from '../../access';
import type { RoutingRuleContext } from '../../access';
import { areaPath } from '../../areas';
import { inTransaction, type Db } from '../../db';
import { newId, nowIso } from '../../db';
import type { RoutingRule, SignalCategory } from '../../db';
import { Invalid, NotFound } from '../../errors';
import { parseInput } from '../../validation';
import { PRIORITIES, SIGNAL_KINDS } from '../model';

/** The second deadline of a category unless a coordinator sets another: working days after the first one. */
export const DEFAULT_ESCALATION_DAYS = 5;

/** Every installation starts with one general category per kind, so a report can always be stored and routed later. */
export const GENERAL_CATEGORIES = [
	{
		key: 'home_repair_other',
		kind: 'home_repair',
		name: 'Technisch probleem in de woning',
		nameFr: 'Problème technique dans le logement',
		nameEn: 'Technical problem at home'
	},
	{ key: 'common_spaces_other', kind: 'common_spaces', name: 'Gemeenschappelijke ruimtes', nameFr: 'Espaces communs', nameEn: 'Common spaces' },
	{ key: 'nuisance_other', kind: 'nuisance', name: 'Samenleven en overlast', nameFr: 'Vivre ensemble et nuisances', nameEn: 'Living together and nuisance' },
	{ key: 'public_space_other', kind: 'public_space', name: 'Openbare ruimte', nameFr: 'Espace public', nameEn: 'Public space' },
	{ key: 'help_other', kind: 'help', name: 'Hulpvraag', nameFr: "Demande d'aide", nameEn: 'Help request' }
] as const;

export async function ensureGeneralCategories(db: Db): Promise<void> {
	const existing = new Set((await db.selectFrom('signal_categories').select('key').execute()).map((c) => c.key));
	const now = nowIso();
	for (const [i, c] of GENERAL_CATEGORIES.entries()) {
		if (existing.has(c.key)) continue;
		await db
			.insertInto('signal_categories')
			.values({
				id: newId(),
				key: c.key,
				kind: c.kind,
				name: c.name,
				name_fr: c.nameFr,
				name_en: c.nameEn,
				sort_order: 1000 + i,
				is_active: true,
				escalation_days: DEFAULT_ESCALATION_DAYS,
				created_at: now,
				updated_at: now
			})
			.onConflict((oc) => oc.column('key').doNothing())
			.execute();
	}
}

export const categoryInput = z.object({
	key: z
		.string()
		.trim()
		.regex(/^[a-z][a-z0-9_]{1,49}$/, { error: 'key_format' }),
	kind: z.enum(SIGNAL_KINDS),
	name: z.string().trim().min(2).max(80),
	nameFr: z
		.string()
		.trim()
		.max(80)
		.optional()
		.transform((v) => v || null),
	nameEn: z
		.string()
		.trim()
		.max(80)
		.optional()
		.transform((v) => v || null),
	sortOrder: z.coerce.number().int().min(0).max(10_000).default(100),
	/**
	 * The second deadline, in working days after the first: then the coordinators of the team or organisation that
	 * handles the signal hear of it. Left out: the default; empty (the form's field cleared): no escalation.
	 */
	escalationDays: z
		.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), z.coerce.number().int().min(1).max(365).nullable())
		.optional()
		.transform((v) => (v === undefined ? DEFAULT_ESCALATION_DAYS : v)),
	/** A form's checkbox sends 'on' or nothing; callers in code may leave it out (active). */
	isActive: z
		.union([z.boolean(), z.string()])
		.optional()
		.transform((v) => v === undefined || v === true || v === 'on' || v === 'true')
});
export type CategoryInput = z.input<typeof categoryInput>;

export async function listCategories(db: Db, options: { activeOnly?: boolean } = {}): Promise<SignalCategory[]> {
	let q = db.selectFrom('signal_categories').selectAll().orderBy('sort_order').orderBy('name');
	if (options.activeOnly) q = q.where('is_active', '=', true);
	return q.execute();
}

export async function createCategory(db: Db, actor: Actor, input: CategoryInput): Promise<SignalCategory> {
	authorize(actor, 'manage', 'signal-category');
	const v = parseInput(categoryInput, input);
	return inTransaction(db, async (tx) => {
		if (await tx.selectFrom('signal_categories').select('id').where('key', '=', v.key).executeTakeFirst())
			throw new Invalid([{ path: 'key', code: 'key_taken', message: 'This key is in use' }]);
		const now = nowIso();
		const row: SignalCategory = {
			id: newId(),
			key: v.key,
			kind: v.kind,
			name: v.name,
			name_fr: v.nameFr,
			name_en: v.nameEn,
			sort_order: v.sortOrder,
			is_active: v.isActive,
			escalation_days: v.escalationDays,
			created_at: now,
			updated_at: now
		};
		await tx.insertInto('signal_categories').values(row).execute();
		await audit(tx, actor, { action: 'category_create', resourceType: 'signal-category', resourceId: row.id, summary: v.key });
		return row;
	});
}

export async function updateCategory(db: Db, actor: Actor, id: string, input: CategoryInput): Promise<SignalCategory> {
	authorize(actor, 'manage', 'signal-category');
	const v = parseInput(categoryInput, input);
	return inTransaction(db, async (tx) => {
		const current = await tx.selectFrom('signal_categories').selectAll().where('id', '=', id).executeTakeFirst();
		if (!current) throw new NotFound('signal-category', id);
		const clash = await tx.selectFrom('signal_categories').select('id').where('key', '=', v.key).where('id', '!=', id).executeTakeFirst();
		if (clash) throw new Invalid([{ path: 'key', code: 'key_taken', message: 'This key is in use' }]);
		const patch = {
			key: v.key,
			kind: v.kind,
			name: v.name,
			name_fr: v.nameFr,
			name_en: v.nameEn,
			sort_order: v.sortOrder,
			is_active: v.isActive,
			escalation_days: v.escalationDays,
			updated_at: nowIso()
		};
		await tx.updateTable('signal_categories').set(patch).where('id', '=', id).execute();
		await audit(tx, actor, { action: 'category_update', resourceType: 'signal-category', resourceId: id, summary: v.key });
		return { ...current, ...patch };
	});
}

export const routingRuleInput = z.object({
	categoryId: z.string().min(1).max(64),
	/** Empty: the default for every area without a rule of its own. */
	areaId: z
		.string()
		.max(64)
		.optional()
		.transform((v) => v || null),
	organisationId: z.string().min(1).max(64),
	teamId: z
		.string()
		.max(64)
		.optional()
		.transform((v) => v || null),
	deadlineDays: z.coerce.number().int().min(0).max(365),
	priority: z.enum(PRIORITIES).default('normal')
});
export type RoutingRuleInput = z.input<typeof routingRuleInput>;
type RoutingRuleValues = z.output<typeof routingRuleInput>;

/** The rule's place as the policy reads it: its area and every area above it (empty for the default rule). */
async function ruleContext(db: Db, areaId: string | null): Promise<RoutingRuleContext> {
	return { areaPath: await areaPath(db, areaId) };
}

/** The category, organisation, area and team a rule names exist, and the team belongs to the organisation. */
async function checkRuleReferences(tx: Db, v: RoutingRuleValues): Promise<void> {
	if (!(await tx.selectFrom('signal_categories').select('id').where('id', '=', v.categoryId).executeTakeFirst()))
		throw new Invalid([{ path: 'categoryId', code: 'unknown_category', message: 'No such category' }]);
	if (!(await tx.selectFrom('organisations').select('id').where('id', '=', v.organisationId).executeTakeFirst()))
		throw new Invalid([{ path: 'organisationId', code: 'unknown_organisation', message: 'No such organisation' }]);
	if (v.areaId && !(await tx.selectFrom('areas').select('id').where('id', '=', v.areaId).executeTakeFirst()))
		throw new Invalid([{ path: 'areaId', code: 'unknown_area', message: 'No such area' }]);
	if (v.teamId && !(await tx.selectFrom('teams').select('id').where('id', '=', v.teamId).where('organisation_id', '=', v.organisationId).executeTakeFirst())) {
		throw new Invalid([{ path: 'teamId', code: 'team_not_in_organisation', message: 'The team must belong to the organisation' }]);
	}
}

async function ruleFor(tx: Db, categoryId: string, areaId: string | null): Promise<RoutingRule | undefined> {
	const q = tx.selectFrom('routing_rules').selectAll().where('category_id', '=', categoryId);
	return (areaId ? q.where('area_id', '=', areaId) : q.where('area_id', 'is', null)).executeTakeFirst();
}

/** Creates or replaces the rule for this category and area. */
export async function setRoutingRule(db: Db, actor: Actor, input: RoutingRuleInput): Promise<RoutingRule> {
	authorize(actor, 'manage', 'routing-rule');
	const v = parseInput(routingRuleInput, input);
	return inTransaction(db, async (tx) => {
		await checkRuleReferences(tx, v);
		authorize(actor, 'manage', 'routing-rule', await ruleContext(tx, v.areaId));
		const current = await ruleFor(tx, v.categoryId, v.areaId);
		const now = nowIso();
		const row: RoutingRule = {
			id: current?.id ?? newId(),
			category_id: v.categoryId,
			area_id: v.areaId,
			organisation_id: v.organisationId,
			team_id: v.teamId,
			deadline_days: v.deadlineDays,
			priority: v.priority,
			created_at: current?.created_at ?? now,
			updated_at: now
		};
		if (current) await tx.updateTable('routing_rules').set(row).where('id', '=', current.id).execute();
		else await tx.insertInto('routing_rules').values(row).execute();
		await audit(tx, actor, {
			action: 'routing_rule_set',
			resourceType: 'routing-rule',
			resourceId: row.id,
			summary: `${v.categoryId} ${v.areaId ?? 'default'} → ${v.organisationId}`
		});
		return row;
	});
}

/** The fields of a rule an edit can change, as the audit log names them. */
const RULE_FIELDS = ['category_id', 'area_id', 'organisation_id', 'team_id', 'deadline_days', 'priority'] as const;

/** "deadline_days: 5 → 3; team_id: – → <id>": what an edit changed, ids and values only (a rule holds no personal data). */
export function ruleChanges(before: Pick<RoutingRule, (typeof RULE_FIELDS)[number]>, after: Pick<RoutingRule, (typeof RULE_FIELDS)[number]>): string[] {
	const shown = (v: string | number | null) => (v === null || v === '' ? '–' : String(v));
	return RULE_FIELDS.filter((f) => String(before[f] ?? '') !== String(after[f] ?? '')).map((f) => `${f}: ${shown(before[f])} → ${shown(after[f])}`);
}

/**
 * Changes a rule in place (category, area, organisation, team, deadline, priority), validated as a new rule is. The
 * actor must be allowed to manage the rule where it applies now and where it will apply. A rule cannot take the
 * category and area of another rule: that one is named in the error, to change it instead.
 */
export async function updateRoutingRule(db: Db, actor: Actor, id: string, input: RoutingRuleInput): Promise<RoutingRule> {
	authorize(actor, 'manage', 'routing-rule');
	const v = parseInput(routingRuleInput, input);
	return inTransaction(db, async (tx) => {
		const current = await tx.selectFrom('routing_rules').selectAll().where('id', '=', id).executeTakeFirst();
		if (!current) throw new NotFound('routing-rule', id);
		authorize(actor, 'manage', 'routing-rule', await ruleContext(tx, current.area_id));
		await checkRuleReferences(tx, v);
		if (v.areaId !== current.area_id) authorize(actor, 'manage', 'routing-rule', await ruleContext(tx, v.areaId));
		const other = await ruleFor(tx, v.categoryId, v.areaId);
		if (other && other.id !== id) {
			const category = await tx.selectFrom('signal_categories').select('name').where('id', '=', v.categoryId).executeTakeFirstOrThrow();
			const area = v.areaId ? await tx.selectFrom('areas').select('name').where('id', '=', v.areaId).executeTakeFirstOrThrow() : null;
			throw new Invalid([
				{
					path: 'areaId',
					code: area ? 'routing_rule_taken' : 'routing_rule_taken_default',
					message: 'Another rule has this category and area',
					params: { category: category.name, area: area?.name ?? '' }
				}
			]);
		}
		const after: RoutingRule = {
			...current,
			category_id: v.categoryId,
			area_id: v.areaId,
			organisation_id: v.organisationId,
			team_id: v.teamId,
			deadline_days: v.deadlineDays,
			priority: v.priority
		};
		const changes = ruleChanges(current, after);
		if (changes.length === 0) return current;
		const row = { ...after, updated_at: nowIso() };
		await tx.updateTable('routing_rules').set(row).where('id', '=', id).execute();
		await audit(tx, actor, { action: 'routing_rule_update', resourceType: 'routing-rule', resourceId: id, summary: changes.join('; ') });
		return row;
	});
}

export async function deleteRoutingRule(db: Db, actor: Actor, id: string): Promise<void> {
	authorize(actor, 'manage', 'routing-rule');
	await inTransaction(db, async (tx) => {
		const current = await tx.selectFrom('routing_rules').select(['id', 'area_id']).where('id', '=', id).executeTakeFirst();
		if (!current) throw new NotFound('routing-rule', id);
		authorize(actor, 'manage', 'routing-rule', await ruleContext(tx, current.area_id));
		await tx.deleteFrom('routing_rules').where('id', '=', id).execute();
		await audit(tx, actor, { action: 'routing_rule_delete', resourceType: 'routing-rule', resourceId: id, summary: null });
	});
}

/** Every rule, each with whether the actor may change or remove it (the edit and delete buttons show only then). */
export async function listRoutingRules(db: Db, actor: Actor) {
	authorize(actor, 'list', 'routing-rule');
	const rules = await db
		.selectFrom('routing_rules as r')
		.innerJoin('signal_categories as c', 'c.id', 'r.category_id')
		.innerJoin('organisations as o', 'o.id', 'r.organisation_id')
		.leftJoin('areas as a', 'a.id', 'r.area_id')
		.leftJoin('teams as t', 't.id', 'r.team_id')
		.select([
			'r.id',
			'r.category_id',
			'c.name as category_name',
			'c.kind',
			'r.area_id',
			'a.name as area_name',
			'r.organisation_id',
			'o.name as organisation_name',
			'r.team_id',
			't.name as team_name',
			'r.deadline_days',
			'r.priority'
		])
		.orderBy('c.sort_order')
		.orderBy('c.name')
		.orderBy('a.name')
		.execute();
	// A handful of areas carry rules: one path each, not one per rule.
	const mayManage = new Map<string | null, boolean>();
	for (const areaId of new Set(rules.map((r) => r.area_id))) mayManage.set(areaId, can(actor, 'manage', 'routing-rule', await ruleContext(db, areaId)));
	return rules.map((r) => ({ ...r, deadline_days: Number(r.deadline_days), may_manage: mayManage.get(r.area_id) ?? false }));
}

/** One rule as its edit form needs it, if the actor may change it. */
export async function getRoutingRule(db: Db, actor: Actor, id: string): Promise<RoutingRule> {
	authorize(actor, 'manage', 'routing-rule');
	const rule = await db.selectFrom('routing_rules').selectAll().where('id', '=', id).executeTakeFirst();
	if (!rule) throw new NotFound('routing-rule', id);
	authorize(actor, 'manage', 'routing-rule', await ruleContext(db, rule.area_id));
	return { ...rule, deadline_days: Number(rule.deadline_days) };
}
