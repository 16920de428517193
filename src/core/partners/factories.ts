// Test factories for organisations and staff: valid rows with overridable defaults, built through the services.
import { noReach, system, type Reach, type StaffActor } from '../access/actor';
import type { Db } from '../db/database';
import { newId } from '../db/ids';
import type { Organisation, OrganisationKind, Role } from '../db/schema';
import { loadReach } from './reach';
import { createOrganisation } from './organisations';
import { createUser, type UserSummary } from '../auth/accounts';

const setup = system('test');
const unique = () => newId().slice(-12);

export async function buildOrganisation(db: Db, overrides: { name?: string; kind?: OrganisationKind } = {}): Promise<Organisation> {
	return createOrganisation(db, setup, { name: overrides.name ?? `Organisatie ${unique()}`, kind: overrides.kind ?? 'regional_institute' });
}

export type BuiltStaff = { user: UserSummary; actor: StaffActor };

/** A staff account with a password, and the actor it signs in as. */
export async function buildStaff(
	db: Db,
	overrides: { role?: Role; organisation?: Organisation | null; name?: string; email?: string; locale?: 'nl' | 'fr' | 'en'; password?: string } = {}
): Promise<BuiltStaff> {
	const organisation = overrides.organisation === undefined ? await buildOrganisation(db) : overrides.organisation;
	const id = unique();
	const user = await createUser(db, setup, {
		email: overrides.email ?? `staff-${id}@example.be`,
		name: overrides.name ?? `Medewerker ${id}`,
		role: overrides.role ?? 'community_worker',
		organisationId: organisation?.id ?? null,
		locale: overrides.locale ?? 'nl',
		password: overrides.password ?? 'een-lang-wachtwoord'
	});
	return { user, actor: actorOf(user, organisation?.kind ?? null, [], await loadReach(db, organisation?.id ?? null)) };
}

export function actorOf(user: UserSummary, organisationKind: OrganisationKind | null, teamIds: string[] = [], reach: Reach = noReach): StaffActor {
	return {
		kind: 'staff',
		id: user.id,
		name: user.name,
		email: user.email,
		role: user.role,
		organisationId: user.organisation_id,
		organisationKind,
		teamIds,
		reach
	};
}
