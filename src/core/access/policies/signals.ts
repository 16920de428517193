// Signals and referrals. A resident reports without an account. A signal is for the organisation it was routed to,
// and for a partner it was referred to; the regional institute's workers follow every ordinary signal in their
// working areas, and nowhere else. A help request (hulpvraag) is someone's individual situation: only the
// organisation that must act on it, a partner it was referred to with the resident's consent, and the worker who
// registered it may read it.
import { allow, allowPublic } from '../policy';
import { worksIn } from '../reach';
import type { StaffActor } from '../actor';

/** What the policy needs to know about one signal. */
export type SignalContext = {
	organisationId: string | null;
	/** Organisations with a pending or accepted referral of this signal. */
	referredOrganisationIds: readonly string[];
	/** Organisations that referred this signal on to a partner who accepted it. */
	referringOrganisationIds: readonly string[];
	isHelpRequest: boolean;
	createdBy: string | null;
	/** The signal's area and every area above it (empty when no place is known). */
	areaPath: readonly string[];
};

const ownOrg = (a: StaffActor, s: SignalContext) => !!a.organisationId && a.organisationId === s.organisationId;
const referredTo = (a: StaffActor, s: SignalContext) => !!a.organisationId && s.referredOrganisationIds.includes(a.organisationId);
/** The regional institute's staff where their organisation works. */
const instituteHere = (a: StaffActor, s: SignalContext) => a.organisationKind === 'regional_institute' && worksIn(a, s.areaPath);
const involved = (a: StaffActor, s: SignalContext) => ownOrg(a, s) || referredTo(a, s) || s.createdBy === a.id;
/** Who referred an ordinary signal on keeps reading it, to see the outcome (the loop is closed); a help request stays with who acts on it. */
const referredOn = (a: StaffActor, s: SignalContext) => !!a.organisationId && !s.isHelpRequest && s.referringOrganisationIds.includes(a.organisationId);

/** A resident reports without an account, follows with their link, and answers back with it (replies.ts: the link decides whose words). */
allowPublic('signal', ['report', 'track', 'reply']);
allow('signal', ['list', 'create'], ['coordinator', 'community_worker', 'partner_staff']);
allow<SignalContext>(
	'signal',
	['read'],
	['coordinator', 'community_worker'],
	(a, s) => involved(a, s) || referredOn(a, s) || (instituteHere(a, s) && !s.isHelpRequest)
);
allow<SignalContext>('signal', ['read'], ['partner_staff'], (a, s) => involved(a, s) || referredOn(a, s));
/** Status, notes, messages to the reporter, assignment, category: the organisation that must act. */
allow<SignalContext>('signal', ['handle'], ['coordinator', 'community_worker', 'partner_staff'], ownOrg);
/** Institute workers keep ordinary signals moving where they work when a partner has no one on it (merging, bundling, re-routing). */
allow<SignalContext>('signal', ['handle'], ['coordinator', 'community_worker'], (a, s) => instituteHere(a, s) && !s.isHelpRequest);
allow<SignalContext>('signal', ['refer'], ['coordinator', 'community_worker', 'partner_staff'], ownOrg);
/** The reporter's name, email and phone: only who must answer them. Every read is audited. */
allow<SignalContext>(
	'signal',
	['read-contact'],
	['coordinator', 'community_worker', 'partner_staff'],
	(a, s) => ownOrg(a, s) || referredTo(a, s) || s.createdBy === a.id
);

allow<{ toOrganisationId: string }>(
	'referral',
	['respond'],
	['coordinator', 'community_worker', 'partner_staff'],
	(a, r) => !!a.organisationId && a.organisationId === r.toOrganisationId
);

allow('signal-category', ['list'], 'any-staff');
allow('signal-category', ['manage'], ['admin', 'coordinator']);
allow('routing-rule', ['list'], 'any-staff');
/** What the policy needs to know about a routing rule: its area and every area above it (empty for the default rule). */
export type RoutingRuleContext = { areaPath: readonly string[] };
allow('routing-rule', ['manage'], ['admin']);
/**
 * A coordinator adds, changes and removes the rules of the places their organisation works in, so one institute does
 * not send another's signals elsewhere; the default rule (every area without its own) is the regional institutes'.
 * A change is checked on the rule as it was and as it becomes.
 */
allow<RoutingRuleContext>('routing-rule', ['manage'], ['coordinator'], (a, r) =>
	r.areaPath.length === 0 ? a.organisationKind === 'regional_institute' : worksIn(a, r.areaPath)
);
allow('open311-client', ['manage'], ['admin']);
/** Figures per estate and category carry no personal data: every staff member may see them. */
allow('signal-figures', ['read'], 'any-staff');
/** An area's public page: counts per kind and the median time to solve, never help requests, never one signal. */
allowPublic('signal-figures', ['read-public']);
/** What the policy needs to know about one collective issue: where it is, the landlord of its estate, and the organisation that opened it. */
export type CollectiveContext = { areaPath: readonly string[]; housingCompanyId: string | null; organisationId: string | null };
const collectiveHere = (a: StaffActor, c: CollectiveContext) =>
	worksIn(a, c.areaPath) || (!!a.organisationId && (a.organisationId === c.organisationId || a.organisationId === c.housingCompanyId));
allow('collective-issue', ['list'], 'any-staff');
/** A bundle of signals in an estate or area is read by the organisations that work there (the landlord of the estate too) and by the one that opened it. */
allow<CollectiveContext>('collective-issue', ['read'], 'any-staff', collectiveHere);
allow<CollectiveContext>('collective-issue', ['create'], ['coordinator', 'community_worker'], (a, c) => c.areaPath.length === 0 || worksIn(a, c.areaPath));
allow<CollectiveContext>('collective-issue', ['update'], ['coordinator', 'community_worker'], collectiveHere);
