// The reads of people that the organisation's reach (issue 11) put a condition on, measured in process on the generated
// dataset (200,000 residents in a full run): the residents list a worker opens most, for an institute working in one
// municipality and for one working in the whole region (the list walks the area tree down in its query), the same
// list for a housing company (its own tenants) and unfiltered (the system: the baseline), one resident's record (its
// area path is read for the policy, and the read is audited), and loading a reach, which every staff request does.
import { system, type StaffActor } from '../src/core/access';
import type { Db } from '../src/core/db/database';
import { newId, nowIso } from '../src/core/db/ids';
import type { OrganisationKind, Role } from '../src/core/db/schema';
import { loadReach } from '../src/core/partners/reach';
import { getResident } from '../src/core/people/residents';
import { listResidents } from '../src/core/people/resident-search';
import { measureCalls, type CallLoad } from './calls';
import type { Row } from './report';

export type PeopleLoad = { seconds: number };

/** A staff member of a new organisation that works in `areaIds` (or a housing company that already exists), as a session would give them. */
async function benchStaff(db: Db, role: Role, organisation: { id?: string; kind: OrganisationKind; worksIn?: string[] }): Promise<StaffActor> {
	const at = nowIso();
	const organisationId = organisation.id ?? newId();
	if (!organisation.id) {
		await db
			.insertInto('organisations')
			.values({
				id: organisationId,
				name: `Bench ${organisationId.slice(-8)}`,
				kind: organisation.kind,
				municipality_id: null,
				email: null,
				phone: null,
				created_at: at,
				updated_at: at
			})
			.execute();
		for (const areaId of organisation.worksIn ?? [])
			await db.insertInto('organisation_areas').values({ organisation_id: organisationId, area_id: areaId, created_at: at }).execute();
	}
	const id = newId();
	await db
		.insertInto('users')
		.values({
			id,
			email: `${id}@bench.example`,
			name: 'Bench medewerker',
			password_hash: null,
			organisation_id: organisationId,
			role,
			locale: 'nl',
			is_active: true,
			created_at: at,
			updated_at: at,
			last_login_at: null
		})
		.execute();
	return {
		kind: 'staff',
		id,
		name: 'Bench medewerker',
		email: `${id}@bench.example`,
		role,
		organisationId,
		organisationKind: organisation.kind,
		teamIds: [],
		reach: await loadReach(db, organisationId)
	};
}

export async function benchPeople(db: Db, database: 'sqlite' | 'postgres', load: PeopleLoad, rows: Row[], log: (line: string) => void): Promise<void> {
	const region = await db.selectFrom('areas').select('id').where('parent_id', 'is', null).orderBy('id').executeTakeFirstOrThrow();
	// The municipality with the most residents, and its housing company.
	const busiest = await db
		.selectFrom('residents as r')
		.innerJoin('households as h', 'h.id', 'r.household_id')
		.innerJoin('dwellings as d', 'd.id', 'h.dwelling_id')
		.innerJoin('buildings as b', 'b.id', 'd.building_id')
		.innerJoin('estates as e', 'e.id', 'b.estate_id')
		.innerJoin('areas as a', 'a.id', 'e.area_id')
		.select(['a.parent_id as municipality_id', 'e.housing_company_id'])
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.groupBy(['a.parent_id', 'e.housing_company_id'])
		.orderBy('n', 'desc')
		.executeTakeFirstOrThrow();
	const inMunicipality = await benchStaff(db, 'community_worker', { kind: 'regional_institute', worksIn: [busiest.municipality_id!] });
	const inRegion = await benchStaff(db, 'community_worker', { kind: 'regional_institute', worksIn: [region.id] });
	const landlord = await benchStaff(db, 'partner_staff', { id: busiest.housing_company_id!, kind: 'housing_company' });
	const someone = (await listResidents(db, inMunicipality, { pageSize: 1 })).items[0];
	if (!someone) throw new Error('the bench institute reaches no resident: the dataset has none in its municipality');
	const page = { pageSize: 25 };
	const scenarios: Array<{ scenario: string; target: string; run: () => Promise<unknown> }> = [
		{
			scenario: 'residents list, first page (unfiltered: baseline)',
			target: 'listResidents(db, system, {})',
			run: () => listResidents(db, system('bench'), page)
		},
		{
			scenario: 'residents list, first page (institute, one municipality)',
			target: 'listResidents(db, worker, {})',
			run: () => listResidents(db, inMunicipality, page)
		},
		{ scenario: 'residents list, first page (institute, whole region)', target: 'listResidents(db, worker, {})', run: () => listResidents(db, inRegion, page) },
		{
			scenario: 'residents list, name search (institute, one municipality)',
			target: "listResidents(db, worker, { q: 'an' })",
			run: () => listResidents(db, inMunicipality, { ...page, q: 'an' })
		},
		{ scenario: 'residents list, first page (housing company)', target: 'listResidents(db, landlord, {})', run: () => listResidents(db, landlord, page) },
		{ scenario: 'one resident’s record (institute)', target: 'getResident(db, worker, id)', run: () => getResident(db, inMunicipality, someone.id) },
		{ scenario: 'the reach a staff request loads', target: 'loadReach(db, organisationId)', run: () => loadReach(db, inMunicipality.organisationId) }
	];
	const callLoad: CallLoad = { seconds: load.seconds, maxCalls: 100_000, concurrency: 1, warmupCalls: 3 };
	for (const s of scenarios) {
		const f = await measureCalls(s.run, callLoad);
		const note = [`${f.cpuMsPerCall.toFixed(2)} ms CPU a call`, f.failures ? `${f.failures} failed: ${f.firstError}` : ''].filter(Boolean).join('; ');
		rows.push({
			scenario: s.scenario,
			database,
			target: s.target,
			unit: 'queries/s',
			rate: f.callsPerSecond,
			p50Ms: f.latencyMs.p50,
			p95Ms: f.latencyMs.p95,
			p99Ms: f.latencyMs.p99,
			ratioToBaseline: null,
			note
		});
		log(`  ${s.scenario}: p50 ${f.latencyMs.p50.toFixed(2)} ms, p95 ${f.latencyMs.p95.toFixed(2)} ms (${f.calls} calls)`);
	}
}
