// Who may open which route, by role: enforced for every request in hooks.server.ts, and walked by
// tests/http/route-access.test.ts for every role. A route missing here cannot be served (and fails that test).
// Data-level decisions (which resident a partner may see) stay in core/access; this is the first gate.
import type { Role } from '$core/db';

export type RouteAccess = 'public' | 'staff' | readonly Role[];

const ALL_STAFF = 'staff' as const;
const NOT_ADMIN: readonly Role[] = ['coordinator', 'community_worker', 'partner_staff'];
const INSTITUTE: readonly Role[] = ['coordinator', 'community_worker'];
const AREA_EDITORS: readonly Role[] = ['admin', 'coordinator'];
const PLACE_EDITORS: readonly Role[] = ['admin', 'coordinator', 'community_worker'];

export const routeAccess: Record<string, RouteAccess> = {
	'/': 'public',
	'/login': 'public',
	'/logout': 'public',
	'/settings': 'public',
	'/staff': ALL_STAFF,
	// Accounts: admins manage organisations, teams and staff; mailed links (invitation, reset) are public.
	'/admin': ['admin'],
	'/admin/organisations': ['admin'],
	'/admin/organisations/[id]': ['admin'],
	'/admin/users': ['admin'],
	'/admin/users/invite': ['admin'],
	'/admin/users/[id]': ['admin'],
	'/password/forgot': 'public',
	'/password/reset/[token]': 'public',
	'/invitation/[token]': 'public',
	'/dev/mailbox': ['admin'],
	'/api/v1/openapi.json': 'public',
	// Surveys, the worker's side: build, distribute (link and poster, codes and letters), paper
	// answers. The surveys policy decides per survey who reads, builds and enters answers.
	'/staff/surveys': NOT_ADMIN,
	'/staff/surveys/new': NOT_ADMIN,
	'/staff/surveys/[id]': NOT_ADMIN,
	'/staff/surveys/[id]/settings': NOT_ADMIN,
	'/staff/surveys/[id]/structure': NOT_ADMIN,
	'/staff/surveys/[id]/preview': NOT_ADMIN,
	'/staff/surveys/[id]/preview/frame': NOT_ADMIN,
	'/staff/surveys/[id]/poster': NOT_ADMIN,
	'/staff/surveys/[id]/codes': NOT_ADMIN,
	'/staff/surveys/[id]/codes/letters': NOT_ADMIN,
	'/staff/surveys/[id]/paper': NOT_ADMIN,
	'/staff/surveys/[id]/paper/template': NOT_ADMIN,
	// People: the people policy filters further what a partner sees.
	'/staff/residents': NOT_ADMIN,
	'/staff/residents/new': INSTITUTE,
	'/staff/residents/[id]': NOT_ADMIN,
	'/staff/residents/[id]/edit': INSTITUTE,
	'/staff/households/new': INSTITUTE,
	'/staff/households/[id]': NOT_ADMIN,
	'/staff/households/[id]/edit': NOT_ADMIN,
	'/staff/imports/tenants': NOT_ADMIN,
	'/staff/imports/tenants/[id]': NOT_ADMIN,
	'/staff/audit': ['admin', 'coordinator'],
	// Areas and places: areas hold no personal data, so their public pages and the API are open.
	'/buurten': 'public',
	'/buurten/[slug]': 'public',
	'/buurten/[slug]/[estate]': 'public',
	// Residents report and follow without an account: the tracking token is the key.
	'/melden': 'public',
	'/melden/[slug]': 'public',
	'/melden/[slug]/poster': 'public',
	'/m/[slug]': 'public',
	'/volgen': 'public',
	'/volgen/[token]': 'public',
	'/volgen/[token]/bedankt': 'public',
	'/volgen/[token]/foto/[id]': 'public',
	// Referrals, partner links and "is it solved?": the mailed token is the key of the public pages.
	'/staff/referrals': NOT_ADMIN,
	// Inbox and handling: the signals policy decides which signals a reader sees and may handle.
	'/staff/signals': NOT_ADMIN,
	'/staff/signals/new': NOT_ADMIN,
	// The intake form works offline on a phone: its service worker, and the API it sends what waited on the phone to.
	'/staff/signals/new/sw.js': NOT_ADMIN,
	'/api/v1/signals': NOT_ADMIN,
	'/staff/signals/[id]': NOT_ADMIN,
	'/staff/signals/[id]/foto/[attachmentId]': NOT_ADMIN,
	'/staff/settings/signals': AREA_EDITORS,
	'/staff/signals/[id]/refer': NOT_ADMIN,
	'/staff/signals/[id]/link': NOT_ADMIN,
	'/partner/[token]': 'public',
	'/partner/[token]/foto/[id]': 'public',
	'/opgelost/[token]': 'public',
	'/api/v1/areas': 'public',
	'/api/v1/areas/lookup': 'public',
	'/api/v1/areas/[slug]': 'public',
	'/staff/areas': ALL_STAFF,
	'/staff/areas/new': AREA_EDITORS,
	'/staff/areas/[slug]': ALL_STAFF,
	'/staff/areas/[slug]/edit': AREA_EDITORS,
	'/staff/areas/[slug]/estates/new': PLACE_EDITORS,
	'/staff/areas/[slug]/estates/[estate]': ALL_STAFF,
	'/staff/areas/[slug]/estates/[estate]/edit': PLACE_EDITORS,
	'/staff/areas/[slug]/estates/[estate]/buildings/new': PLACE_EDITORS,
	'/staff/areas/[slug]/estates/[estate]/buildings/[building]': PLACE_EDITORS,
	'/staff/areas/[slug]/estates/[estate]/dwellings/new': PLACE_EDITORS,
	'/staff/areas/[slug]/estates/[estate]/dwellings/[dwelling]': PLACE_EDITORS,
	'/staff/imports': ALL_STAFF,
	'/staff/imports/areas': AREA_EDITORS,
	'/staff/imports/[id]': ALL_STAFF,
	// The collective view: figures carry no personal data; bundling is the policy's call (institute staff).
	'/staff/figures': NOT_ADMIN,
	'/staff/figures/csv': NOT_ADMIN,
	'/staff/collective': NOT_ADMIN,
	'/staff/collective/new': INSTITUTE,
	'/staff/collective/[id]': NOT_ADMIN,
	'/staff/collective/[id]/csv': NOT_ADMIN,
	// Open311 GeoReport v2: open by the spec; POST checks its api_key inside. Admins issue the keys.
	'/open311/v2/discovery.[format]': 'public',
	'/open311/v2/services.[format]': 'public',
	'/open311/v2/services/[code].[format]': 'public',
	'/open311/v2/requests.[format]': 'public',
	'/open311/v2/requests/[id].[format]': 'public',
	'/admin/open311': ['admin'],
	// Surveys answered without an account: the open link, a household code from a letter (typed or
	// from its QR code), the thank-you page; the preview (?preview=) inside checks staff access itself.
	'/enquete': 'public',
	'/enquete/c/[code]': 'public',
	'/enquete/[slug]': 'public',
	'/e/[slug]': 'public',
	'/enquete/[slug]/bedankt': 'public',
	// Surveys door to door: the worker's tablet page, its service worker and the API it loads and sends
	// with; the surveys policy lets only the organisation running the survey enter answers.
	'/staff/surveys/[id]/tablet': NOT_ADMIN,
	'/staff/surveys/[id]/tablet/sw.js': NOT_ADMIN,
	'/api/v1/surveys/[id]/tablet': NOT_ADMIN,
	'/api/v1/surveys/[id]/answer-sets': NOT_ADMIN,
	// Survey results: staff of the organisation running a survey and its partners read them (the surveys
	// policy decides per survey; tagging open answers is the running organisation's); residents read published waves.
	'/staff/surveys/[id]/results': NOT_ADMIN,
	'/staff/surveys/[id]/compare': NOT_ADMIN,
	'/staff/surveys/[id]/open-answers': NOT_ADMIN,
	'/staff/surveys/[id]/report': NOT_ADMIN,
	'/staff/surveys/[id]/export/csv': NOT_ADMIN,
	'/staff/surveys/[id]/export/xlsx': NOT_ADMIN,
	// Sharing a wave's results with residents, with what is done with them: the running organisation only (policy).
	'/staff/surveys/[id]/publish': NOT_ADMIN,
	'/enquete/[slug]/resultaten': 'public'
};

export { ALL_STAFF, NOT_ADMIN, INSTITUTE };

export type AccessDecision = 'allow' | 'login' | 'forbidden' | 'unknown';

export function decideRouteAccess(routeId: string | null, actor: { kind: string; role?: Role }): AccessDecision {
	if (routeId === null) return 'allow'; // no route matched: SvelteKit answers 404 (or a static file)
	const rule = routeAccess[routeId];
	if (rule === undefined) return 'unknown';
	if (rule === 'public') return 'allow';
	if (actor.kind !== 'staff') return 'login';
	if (rule === 'staff') return 'allow';
	return actor.role && rule.includes(actor.role) ? 'allow' : 'forbidden';
}
