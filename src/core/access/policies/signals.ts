// Signals and referrals. A resident reports without an account. A signal is for the organisation it was routed to,
// and for a partner it was referred to; the regional institute's workers follow every ordinary signal in their
// areas. A help request (hulpvraag) is someone's individual situation: only the organisation that must act on it,
// a partner it was referred to with the resident's consent, and the worker who registered it may read it.
import { allow, allowPublic } from '../policy';
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
};

const ownOrg = (a: StaffActor, s: SignalContext) => !!a.organisationId && a.organisationId === s.organisationId;
const referredTo = (a: StaffActor, s: SignalContext) => !!a.organisationId && s.referredOrganisationIds.includes(a.organisationId);
const institute = (a: StaffActor) => a.organisationKind === 'regional_institute';
const involved = (a: StaffActor, s: SignalContext) => ownOrg(a, s) || referredTo(a, s) || s.createdBy === a.id;
/** Who referred an ordinary signal on keeps reading it, to see the outcome (the loop is closed); a help request stays with who acts on it. */
const referredOn = (a: StaffActor, s: SignalContext) => !!a.organisationId && !s.isHelpRequest && s.referringOrganisationIds.includes(a.organisationId);

allowPublic('signal', ['report', 'track']);
allow('signal', ['list', 'create'], ['coordinator', 'community_worker', 'partner_staff']);
allow<SignalContext>('signal', ['read'], ['coordinator', 'community_worker'], (a, s) => involved(a, s) || referredOn(a, s) || (institute(a) && !s.isHelpRequest));
allow<SignalContext>('signal', ['read'], ['partner_staff'], (a, s) => involved(a, s) || referredOn(a, s));
/** Status, notes, messages to the reporter, assignment, category: the organisation that must act. */
allow<SignalContext>('signal', ['handle'], ['coordinator', 'community_worker', 'partner_staff'], ownOrg);
/** Institute workers keep ordinary signals moving when a partner has no one on it (merging, bundling, re-routing). */
allow<SignalContext>('signal', ['handle'], ['coordinator', 'community_worker'], (a, s) => institute(a) && !s.isHelpRequest);
allow<SignalContext>('signal', ['refer'], ['coordinator', 'community_worker', 'partner_staff'], ownOrg);
/** The reporter's name, email and phone: only who must answer them. Every read is audited. */
allow<SignalContext>('signal', ['read-contact'], ['coordinator', 'community_worker', 'partner_staff'], (a, s) => ownOrg(a, s) || referredTo(a, s) || s.createdBy === a.id);

allow<{ toOrganisationId: string }>('referral', ['respond'], ['coordinator', 'community_worker', 'partner_staff'], (a, r) => !!a.organisationId && a.organisationId === r.toOrganisationId);

allow('signal-category', ['list'], 'any-staff');
allow('signal-category', ['manage'], ['admin', 'coordinator']);
allow('routing-rule', ['list'], 'any-staff');
allow('routing-rule', ['manage'], ['admin', 'coordinator']);
allow('open311-client', ['manage'], ['admin']);
/** Figures per estate and category carry no personal data: every staff member may see them. */
allow('signal-figures', ['read'], 'any-staff');
/** An area's public page: counts per kind and the median time to solve, never help requests, never one signal. */
allowPublic('signal-figures', ['read-public']);
allow('collective-issue', ['list', 'read'], 'any-staff');
allow('collective-issue', ['create', 'update'], ['coordinator', 'community_worker']);
