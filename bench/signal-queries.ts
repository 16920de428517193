// The reads staff wait for, measured in process on a database full of generated signals: the inbox's first page of
// a housing company (its staff member, and one of its teams), the counts on the inbox's status tabs (the same page
// asks for them), and the collective view of a municipality (the figures page's default: the last twelve months).
// Round-robin over the busiest housing companies, "now" fixed to the generator's, so "overdue" means the same in
// every run.
import { noReach, type StaffActor } from '../src/core/access';
import type { Db } from '../src/core/db/database';
import { signalFigures } from '../src/core/signals/figures/figures';
import { inboxStatusCounts } from '../src/core/signals/handling/inbox-counts';
import { inbox } from '../src/core/signals/handling/queries';
import { measureCalls, type CallFigures, type CallLoad } from './calls';
import { SIGNALS_NOW, type SignalWorld } from './signals';

export type QueryScenario = { scenario: string; target: string; run: (k: number) => Promise<unknown> };

/** The housing companies with the most estates (the generator sends them the most signals), busiest first. */
export function busiestCompanies(world: SignalWorld, count: number) {
	const estates = new Map<string, number>();
	for (const e of world.estates) estates.set(e.municipalityId, (estates.get(e.municipalityId) ?? 0) + 1);
	return [...world.byMunicipality.entries()]
		.sort((a, b) => (estates.get(b[0]) ?? 0) - (estates.get(a[0]) ?? 0) || a[0].localeCompare(b[0]))
		.slice(0, count)
		.map(([municipalityId, who]) => {
			const actor: StaffActor = {
				kind: 'staff',
				id: who.staffIds[0],
				name: 'Bench medewerker',
				email: 'bench@woon.example',
				role: 'partner_staff',
				organisationId: who.housingCompanyId,
				organisationKind: 'housing_company',
				teamIds: [who.techTeamId],
				reach: noReach
			};
			return { municipalityId, who, actor };
		});
}

export function queryScenarios(db: Db, world: SignalWorld): QueryScenario[] {
	const companies = busiestCompanies(world, 10);
	const pick = (k: number) => companies[k % companies.length];
	return [
		{ scenario: 'inbox, first page (housing company)', target: 'inbox(db, staff, {})', run: (k) => inbox(db, pick(k).actor, {}, SIGNALS_NOW) },
		{
			scenario: 'inbox, tab counts (housing company)',
			target: 'inboxStatusCounts(db, staff, {})',
			run: (k) => inboxStatusCounts(db, pick(k).actor, {}, SIGNALS_NOW)
		},
		{
			scenario: 'inbox, first page (team)',
			target: 'inbox(db, staff, { teamId })',
			run: (k) => inbox(db, pick(k).actor, { teamId: pick(k).who.techTeamId }, SIGNALS_NOW)
		},
		{
			scenario: 'collective view (municipality, 12 months)',
			target: 'signalFigures(db, staff, { areaId })',
			run: (k) => signalFigures(db, pick(k).actor, { areaId: pick(k).municipalityId }, SIGNALS_NOW)
		}
	];
}

export async function measureQuery(s: QueryScenario, load: CallLoad): Promise<CallFigures> {
	return measureCalls(s.run, load);
}
