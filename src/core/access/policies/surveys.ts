// Resident surveys. The organisation that runs a survey builds it, hands out its codes, types in paper forms, tags
// open answers and reads the results (its community workers and coordinators, or a partner's staff when the partner
// runs it); partner organisations named on the survey read the results. Residents answer without an account, and
// anyone reads the results a worker published (with small groups left out). Admins manage accounts, not surveys.
import { allow, allowPublic } from '../policy';
import { worksIn } from '../reach';
import type { StaffActor } from '../actor';

/** What the policy needs to know about one survey. */
export type SurveyContext = { organisationId: string; partnerOrganisationIds: readonly string[] };

const owner = (a: StaffActor, s: SurveyContext) => !!a.organisationId && a.organisationId === s.organisationId;
const partner = (a: StaffActor, s: SurveyContext) => !!a.organisationId && s.partnerOrganisationIds.includes(a.organisationId);
const BUILDERS = ['coordinator', 'community_worker', 'partner_staff'] as const;

allowPublic('survey', ['answer', 'read-public']);
allow('survey', ['list', 'create'], BUILDERS);
allow<SurveyContext>('survey', ['read', 'read-results'], BUILDERS, (a, s) => owner(a, s) || partner(a, s));
/** Structure, settings, waves, codes, themes and tags, publishing: the owner's staff. */
allow<SurveyContext>('survey', ['update'], BUILDERS, owner);
/** Paper forms typed in and answers on a worker's tablet (audited). */
allow<SurveyContext>('survey', ['enter-answers'], BUILDERS, owner);
/** A survey reaches households only where the running organisation works: an area or estate in its reach, or an estate it lets. */
export type SurveyTargetContext = { areaPath: readonly string[]; housingCompanyId: string | null };
allow<SurveyTargetContext>(
	'survey',
	['target'],
	BUILDERS,
	(a, t) => worksIn(a, t.areaPath) || (!!a.organisationId && a.organisationKind === 'housing_company' && a.organisationId === t.housingCompanyId)
);
