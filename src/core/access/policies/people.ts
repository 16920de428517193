// Residents and households are people, not cases. Community workers and coordinators work with the people where their
// organisation works (the estate's area inside a working area) and with the people their organisation registered; a
// partner sees a person only where it has a reason the resident agreed to, or as the landlord of their dwelling.
// Admins manage accounts, not people, so they get no access to residents at all.
import { allow } from '../policy';
import { worksIn } from '../reach';
import type { StaffActor } from '../actor';

/** What the policy needs to know about a household or resident to decide. */
export type PersonContext = {
	/** The housing company that lets the dwelling, if any. */
	housingCompanyId: string | null;
	/** The area of the dwelling's estate and every area above it; empty without a dwelling. */
	areaPath: readonly string[];
	/** The organisations that registered the resident or their household (they reach people without a dwelling). */
	registeredBy: readonly string[];
	/** Organisations with a consent in force for this person (or for someone in the household). */
	consentedOrganisationIds: readonly string[];
};

export const landlordOf = (actor: StaffActor, p: Pick<PersonContext, 'housingCompanyId'>) =>
	actor.organisationKind === 'housing_company' && !!actor.organisationId && actor.organisationId === p.housingCompanyId;
const hasConsent = (actor: StaffActor, p: PersonContext) => !!actor.organisationId && p.consentedOrganisationIds.includes(actor.organisationId);
/** Where the organisation works: the estate's area is inside a working area, it lets their home, or it registered them. */
export const personInReach = (actor: StaffActor, p: PersonContext) =>
	worksIn(actor, p.areaPath) || landlordOf(actor, p) || (!!actor.organisationId && p.registeredBy.includes(actor.organisationId));

const INSTITUTE_ROLES = ['coordinator', 'community_worker'] as const;

allow('household', ['list'], ['coordinator', 'community_worker', 'partner_staff']);
allow<PersonContext>('household', ['read'], INSTITUTE_ROLES, (a, p) => personInReach(a, p) || hasConsent(a, p));
allow<PersonContext>('household', ['update'], INSTITUTE_ROLES, personInReach);
allow<PersonContext>('household', ['read'], ['partner_staff'], (a, p) => landlordOf(a, p) || hasConsent(a, p));
allow<PersonContext>('household', ['update'], ['partner_staff'], landlordOf);
/** A new household goes into a dwelling where the organisation works (or into none: then the organisation keeps it). */
allow<Pick<PersonContext, 'areaPath'>>('household', ['create'], INSTITUTE_ROLES, (a, place) => place.areaPath.length === 0 || worksIn(a, place.areaPath));
/** What the policy needs to know to import a housing company's tenants: the company, and the area path of each of its estates. */
export type TenantImportContext = { housingCompanyId: string; estateAreaPaths: ReadonlyArray<readonly string[]> };
/** The institute imports a housing company's tenants where it works with all of them; a housing company its own (the CSV comes from its system). */
allow<TenantImportContext>(
	'household',
	['import'],
	INSTITUTE_ROLES,
	(a, s) => s.estateAreaPaths.length > 0 && s.estateAreaPaths.every((path) => worksIn(a, path))
);
allow<TenantImportContext>(
	'household',
	['import'],
	['partner_staff'],
	(a, s) => a.organisationKind === 'housing_company' && a.organisationId === s.housingCompanyId
);

allow('resident', ['list'], ['coordinator', 'community_worker', 'partner_staff']);
allow<PersonContext>('resident', ['read'], INSTITUTE_ROLES, (a, p) => personInReach(a, p) || hasConsent(a, p));
allow<PersonContext>('resident', ['update'], INSTITUTE_ROLES, personInReach);
allow<PersonContext>('resident', ['read'], ['partner_staff'], (a, p) => landlordOf(a, p) || hasConsent(a, p));
/** A new resident joins a household the worker may change (or none: no subject, the role decides). */
allow<PersonContext>('resident', ['create'], INSTITUTE_ROLES, personInReach);

/**
 * A consent is recorded by the organisation that spoke with the resident: the institute where it works with the person,
 * or the organisation handling the resident's help request (the signals module says so when it records the consent of
 * a referral). Never by a consent, and never for the recorder itself (consents.ts): a receiving organisation can neither
 * create nor widen its own. A landlord does not record consents for other partners.
 */
export type ConsentRecordContext = PersonContext & { helpRequestHandledBy?: string | null };
const handlesHelpRequest = (a: StaffActor, p: ConsentRecordContext) => !!a.organisationId && p.helpRequestHandledBy === a.organisationId;
allow<ConsentRecordContext>('consent', ['record'], INSTITUTE_ROLES, (a, p) => personInReach(a, p) || handlesHelpRequest(a, p));
allow<ConsentRecordContext>('consent', ['record'], ['partner_staff'], handlesHelpRequest);

/** What the policy needs to know about one consent of a person it may read. */
export type ConsentContext = { recordedByOrganisationId: string | null; organisationId: string; person: PersonContext };
/**
 * A consent is seen — and withdrawn at the resident's request — by the organisation that recorded it, by the one it
 * was given to, and by the institute where it works with the person. A landlord does not see the consents its tenants
 * gave the OCMW.
 */
const seesConsent = (a: StaffActor, c: ConsentContext) =>
	!!a.organisationId && (a.organisationId === c.recordedByOrganisationId || a.organisationId === c.organisationId);
allow<ConsentContext>('consent', ['read', 'withdraw'], INSTITUTE_ROLES, (a, c) => seesConsent(a, c) || personInReach(a, c.person));
allow<ConsentContext>('consent', ['read', 'withdraw'], ['partner_staff'], seesConsent);
