// Pure: which organisation and team must act on a signal, with which priority and deadline. The most specific rule
// wins: a rule for the signal's own area, else for the nearest area above it, else the category's default rule.
import type { RoutingRule, SignalPriority } from '../../db';
import { BELGIAN_CALENDAR, deadlineFor, type WorkingCalendar } from '../handling/deadlines';

export type Route = { ruleId: string; organisationId: string; teamId: string | null; priority: SignalPriority; deadlineDays: number; deadlineAt: string };

/**
 * @param areaChain the signal's area first, then its parent, up to the region (empty when no area is known)
 * @param rules every rule of the signal's category
 */
export function routeSignal(
	rules: readonly RoutingRule[],
	areaChain: readonly string[],
	receivedAt: Date,
	calendar: WorkingCalendar = BELGIAN_CALENDAR
): Route | null {
	const byArea = new Map(rules.map((r) => [r.area_id, r] as const));
	const rule = areaChain.map((id) => byArea.get(id)).find(Boolean) ?? byArea.get(null);
	if (!rule) return null;
	return {
		ruleId: rule.id,
		organisationId: rule.organisation_id,
		teamId: rule.team_id,
		priority: rule.priority,
		deadlineDays: rule.deadline_days,
		deadlineAt: deadlineFor(receivedAt, rule.deadline_days, calendar).toISOString()
	};
}
