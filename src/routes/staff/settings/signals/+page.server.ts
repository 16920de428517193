// Coordinators shape what residents can report and who must act on it: categories in three languages, and routing
// rules per category and area (organisation, team, deadline in working days, priority). A category's second deadline
// says when an overdue signal goes to the coordinators (core/signals/overdue.ts).
import { redirect } from '@sveltejs/kit';
import { authorize } from '$core/access';
import { plural, translate } from '$core/i18n';
import { listOrganisations, listTeams } from '$core/partners';
import { placeChoices } from '$core/people';
import { PRIORITIES, SIGNAL_KINDS } from '$core/signals/model';
import {
	createCategory,
	deleteRoutingRule,
	getRoutingRule,
	listCategories,
	listRoutingRules,
	setRoutingRule,
	updateCategory,
	updateRoutingRule
} from '$core/signals';
import { DEFAULT_ESCALATION_DAYS, type CategoryInput, type RoutingRuleInput } from '$core/signals';
import { NotFound } from '$core/errors';
import { askFirst, confirmed } from '$lib/server/confirmation';
import { pageLoad, formAction } from '$lib/server/handlers';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, url }) => {
	const { db } = locals.core;
	authorize(locals.actor, 'manage', 'signal-category');
	const [categories, rules, organisations, places] = await Promise.all([
		listCategories(db),
		listRoutingRules(db, locals.actor),
		listOrganisations(db, locals.actor),
		placeChoices(db, locals.actor)
	]);
	const teams = (await Promise.all(organisations.map((o) => listTeams(db, locals.actor, o.id)))).flat();
	const editId = url.searchParams.get('bewerk');
	const editing = categories.find((c) => c.id === editId) ?? null;
	// ?regel=<id> opens that rule's edit form (a link per rule: works without JavaScript).
	const ruleId = url.searchParams.get('regel')?.slice(0, 64);
	const rule = ruleId ? await getRoutingRule(db, locals.actor, ruleId) : null;
	const done = url.searchParams.get('klaar');
	return {
		categories: categories.map((c) => ({
			...c,
			escalationLabel:
				c.escalation_days === null ? translate(locals.locale, 'inbox.escalation_never') : plural(locals.locale, 'inbox.escalation_after', c.escalation_days)
		})),
		rules,
		organisations: organisations.map((o) => ({ id: o.id, name: o.name })),
		teams: teams.map((t) => ({ id: t.id, name: t.name, organisationId: t.organisationId })),
		areas: places.areas,
		kinds: SIGNAL_KINDS,
		defaultEscalationDays: DEFAULT_ESCALATION_DAYS,
		priorities: PRIORITIES,
		editing: editing
			? {
					id: editing.id,
					key: editing.key,
					kind: editing.kind,
					name: editing.name,
					nameFr: editing.name_fr ?? '',
					nameEn: editing.name_en ?? '',
					sortOrder: editing.sort_order,
					isActive: editing.is_active,
					escalationDays: editing.escalation_days ?? ''
				}
			: null,
		editingRule: rule
			? {
					id: rule.id,
					categoryId: rule.category_id,
					areaId: rule.area_id ?? '',
					organisationId: rule.organisation_id,
					teamId: rule.team_id ?? '',
					deadlineDays: String(rule.deadline_days),
					priority: rule.priority
				}
			: null,
		notice: done && ['category', 'rule', 'rule_updated', 'rule_deleted'].includes(done) ? `inbox.settings_done_${done}` : null
	};
});

export const actions: Actions = {
	category: formAction(
		async ({ locals }, values) => {
			const id = typeof values.id === 'string' ? values.id.slice(0, 64) : '';
			// An unticked checkbox sends nothing; the schema reads "nothing" as active, so say "off" explicitly.
			const input = { ...values, isActive: values.isActive === 'on' ? 'on' : 'false' } as CategoryInput;
			if (id) await updateCategory(locals.core.db, locals.actor, id, input);
			else await createCategory(locals.core.db, locals.actor, input);
			redirect(303, '/staff/settings/signals?klaar=category#categories');
		},
		{ form: 'category' }
	),
	/** A new rule (or the one for the same category and area replaced); with `ruleId`, that rule changed in place. */
	rule: formAction(
		async ({ locals }, values) => {
			const ruleId = typeof values.ruleId === 'string' ? values.ruleId.slice(0, 64) : '';
			if (ruleId) await updateRoutingRule(locals.core.db, locals.actor, ruleId, values as RoutingRuleInput);
			else await setRoutingRule(locals.core.db, locals.actor, values as RoutingRuleInput);
			redirect(303, `/staff/settings/signals?klaar=${ruleId ? 'rule_updated' : 'rule'}#rules`);
		},
		{ form: 'rule' }
	),
	deleteRule: formAction(
		async (event, values) => {
			const { locals } = event;
			if (!confirmed(values)) {
				// Asked only of who may delete the rule: getRoutingRule refuses anyone else, as deleteRoutingRule would.
				const ruleId = String(values.ruleId ?? '').slice(0, 64);
				await getRoutingRule(locals.core.db, locals.actor, ruleId);
				const rule = (await listRoutingRules(locals.core.db, locals.actor)).find((r) => r.id === ruleId);
				if (!rule) throw new NotFound('routing-rule', ruleId);
				return askFirst(event, values, {
					kind: 'delete_rule',
					params: { category: rule.category_name, area: rule.area_name ?? translate(locals.locale, 'inbox.all_areas') }
				});
			}
			await deleteRoutingRule(locals.core.db, locals.actor, String(values.ruleId ?? '').slice(0, 64));
			redirect(303, '/staff/settings/signals?klaar=rule_deleted#rules');
		},
		{ form: 'delete' }
	)
};
