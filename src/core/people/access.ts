// Where the people policy meets the database: the PersonContext of one household or resident (one query each), the
// list filter that shows partner staff only the people the policy lets them see, and which facts a reader may see.
import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { StaffActor, Actor } from '../access/actor';
import { can } from '../access/index';
import type { PersonContext } from '../access/policies/people';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import type { ConsentScope } from './model';

export type LoadedContext = PersonContext & { consentScopes: Readonly<Record<string, readonly string[]>> };

function collect(rows: Array<{ housing_company_id: string | null; organisation_id: string | null; scope: string | null }>): LoadedContext {
	const scopes: Record<string, string[]> = {};
	for (const r of rows) if (r.organisation_id) (scopes[r.organisation_id] ??= []).push(r.scope ?? '');
	return { housingCompanyId: rows[0]?.housing_company_id ?? null, consentedOrganisationIds: Object.keys(scopes), consentScopes: scopes };
}

/** The policy's view of one resident: the landlord of their dwelling and the organisations they gave a consent in force. */
export async function loadResidentContext(db: Db, residentId: string): Promise<LoadedContext | null> {
	const rows = await db
		.selectFrom('residents as r')
		.leftJoin('households as h', 'h.id', 'r.household_id')
		.leftJoin('dwellings as d', 'd.id', 'h.dwelling_id')
		.leftJoin('buildings as b', 'b.id', 'd.building_id')
		.leftJoin('estates as e', 'e.id', 'b.estate_id')
		.leftJoin('consents as c', (j) => j.onRef('c.resident_id', '=', 'r.id').on('c.withdrawn_at', 'is', null))
		.select(['e.housing_company_id', 'c.organisation_id', 'c.scope'])
		.where('r.id', '=', residentId)
		.execute();
	return rows.length === 0 ? null : collect(rows);
}

/** The policy's view of one household: its landlord and every consent in force of any of its members. */
export async function loadHouseholdContext(db: Db, householdId: string): Promise<LoadedContext | null> {
	const rows = await db
		.selectFrom('households as h')
		.leftJoin('dwellings as d', 'd.id', 'h.dwelling_id')
		.leftJoin('buildings as b', 'b.id', 'd.building_id')
		.leftJoin('estates as e', 'e.id', 'b.estate_id')
		.leftJoin('residents as r', 'r.household_id', 'h.id')
		.leftJoin('consents as c', (j) => j.onRef('c.resident_id', '=', 'r.id').on('c.withdrawn_at', 'is', null))
		.select(['e.housing_company_id', 'c.organisation_id', 'c.scope'])
		.where('h.id', '=', householdId)
		.execute();
	return rows.length === 0 ? null : collect(rows);
}

/** Partner staff see only what the policy allows them to read; the institute's staff (and the system) see everyone. */
function partnerScope(actor: Actor): StaffActor | null {
	return actor.kind === 'staff' && actor.role === 'partner_staff' ? actor : null;
}

type HouseholdScope = ExpressionBuilder<Database & { h: Database['households']; e: Database['estates'] }, 'h' | 'e'>;
type ResidentScope = ExpressionBuilder<Database & { r: Database['residents']; e: Database['estates'] }, 'r' | 'e'>;

/**
 * The rows of a household list (aliases h and e, e joined through the dwelling) a partner may see: its own tenants for
 * a housing company, and households where someone gave the partner a consent in force. `null`: no filter.
 */
export function householdsVisibleTo(actor: Actor): ((eb: HouseholdScope) => Expression<SqlBool>) | null {
	const partner = partnerScope(actor);
	if (!partner) return null;
	const org = partner.organisationId ?? '';
	return (eb) =>
		eb.or([
			...(partner.organisationKind === 'housing_company' ? [eb('e.housing_company_id', '=', org)] : []),
			eb.exists(
				eb
					.selectFrom('consents as vc')
					.innerJoin('residents as vr', 'vr.id', 'vc.resident_id')
					.select(sql.lit(1).as('one'))
					.whereRef('vr.household_id', '=', 'h.id')
					.where('vc.organisation_id', '=', org)
					.where('vc.withdrawn_at', 'is', null)
			)
		]);
}

/** The same for a residents list (aliases r and e): a resident's own consent counts, as for reading their record. */
export function residentsVisibleTo(actor: Actor): ((eb: ResidentScope) => Expression<SqlBool>) | null {
	const partner = partnerScope(actor);
	if (!partner) return null;
	const org = partner.organisationId ?? '';
	return (eb) =>
		eb.or([
			...(partner.organisationKind === 'housing_company' ? [eb('e.housing_company_id', '=', org)] : []),
			eb.exists(
				eb
					.selectFrom('consents as vc')
					.select(sql.lit(1).as('one'))
					.whereRef('vc.resident_id', '=', 'r.id')
					.where('vc.organisation_id', '=', org)
					.where('vc.withdrawn_at', 'is', null)
			)
		]);
}

/** Which parts of a record a reader may see (partners get only what the resident agreed to share), and may they edit it. */
export type Visibility = { contactDetails: boolean; householdSituation: boolean; consents: boolean; update: boolean };

export function visibilityFor(actor: Actor, ctx: LoadedContext, resource: 'resident' | 'household'): Visibility {
	const update = can(actor, 'update', resource, ctx);
	if (actor.kind !== 'staff' || actor.role !== 'partner_staff') return { contactDetails: true, householdSituation: true, consents: true, update };
	const landlord = actor.organisationKind === 'housing_company' && !!actor.organisationId && actor.organisationId === ctx.housingCompanyId;
	const scopes = (actor.organisationId && ctx.consentScopes[actor.organisationId]) || [];
	const agreed = (s: ConsentScope) => scopes.includes(s);
	return {
		contactDetails: landlord || agreed('contact_details'),
		householdSituation: landlord || agreed('household_situation'),
		consents: can(actor, 'record', 'consent', ctx),
		update
	};
}
