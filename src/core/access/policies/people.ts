// Residents and households are people, not cases: community workers and coordinators of the regional institute work
// with them; a partner sees a person only where it has a reason the resident agreed to. Admins manage accounts, not
// people, so they get no access to residents at all.
import { allow } from '../policy';
import type { StaffActor } from '../actor';

/** What the policy needs to know about a household or resident to decide. */
export type PersonContext = {
	/** The housing company that lets the dwelling, if any. */
	housingCompanyId: string | null;
	/** Organisations with a consent in force for this person (or for someone in the household). */
	consentedOrganisationIds: readonly string[];
};

const landlordOf = (actor: StaffActor, p: PersonContext) =>
	actor.organisationKind === 'housing_company' && !!actor.organisationId && actor.organisationId === p.housingCompanyId;
const hasConsent = (actor: StaffActor, p: PersonContext) =>
	!!actor.organisationId && p.consentedOrganisationIds.includes(actor.organisationId);

allow('household', ['list'], ['coordinator', 'community_worker', 'partner_staff']);
allow<PersonContext>('household', ['read', 'update'], ['coordinator', 'community_worker']);
allow<PersonContext>('household', ['read'], ['partner_staff'], (a, p) => landlordOf(a, p) || hasConsent(a, p));
allow<PersonContext>('household', ['update'], ['partner_staff'], landlordOf);
allow('household', ['create', 'import'], ['coordinator', 'community_worker']);
/** A housing company imports its own tenants (the CSV comes from its system). */
allow<{ housingCompanyId: string | null }>('household', ['import'], ['partner_staff'], (a, s) =>
	a.organisationKind === 'housing_company' && !!s && a.organisationId === s.housingCompanyId
);

allow('resident', ['list'], ['coordinator', 'community_worker', 'partner_staff']);
allow<PersonContext>('resident', ['read', 'update'], ['coordinator', 'community_worker']);
allow<PersonContext>('resident', ['read'], ['partner_staff'], (a, p) => landlordOf(a, p) || hasConsent(a, p));
allow('resident', ['create'], ['coordinator', 'community_worker']);
allow<PersonContext>('consent', ['record', 'withdraw'], ['coordinator', 'community_worker']);
allow<PersonContext>('consent', ['record', 'withdraw'], ['partner_staff'], (a, p) => landlordOf(a, p) || hasConsent(a, p));
