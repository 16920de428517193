// Organisations (partners), their teams and staff accounts.
import { z } from 'zod';
import { emptyAsMissing, formList, optionalRecordId, optionalText, recordId } from '../validation';

export const ORGANISATION_KINDS = ['regional_institute', 'housing_company', 'welfare_centre', 'municipality', 'association'] as const;
export const ROLES = ['admin', 'coordinator', 'community_worker', 'partner_staff'] as const;

export const organisationInput = z.object({
	name: z.string().trim().min(1).max(200),
	kind: z.enum(ORGANISATION_KINDS),
	municipalityId: optionalRecordId,
	email: z
		.email()
		.optional()
		.nullable()
		.or(z.literal('').transform(() => null)),
	phone: optionalText(50)
});
export type OrganisationInput = z.input<typeof organisationInput>;

export const teamInput = z.object({
	organisationId: z.uuid(),
	name: z.string().trim().min(1).max(200)
});
export type TeamInput = z.input<typeof teamInput>;

export const password = z.string().min(10).max(200);

export const userInput = z.object({
	email: z.string().trim().toLowerCase().pipe(z.email()),
	name: z.string().trim().min(1).max(200),
	role: z.enum(ROLES),
	organisationId: optionalRecordId,
	locale: z.enum(['nl', 'fr', 'en']).default('nl'),
	teamIds: z.array(z.uuid()).default([]),
	/** Set directly only by the system (demo data, first admin); staff get an invitation instead. */
	password: password.optional()
});
export type UserInput = z.input<typeof userInput>;

export const LOCALE_CHOICES = ['nl', 'fr', 'en'] as const;
/** The id of a record named in a URL or a form. */
export { recordId };
const id = recordId;
/** Form checkboxes send one value as a string and several as an array; the API sends an array. */
const idList = formList(z.array(z.uuid()).max(100));

export const organisationUpdate = organisationInput.extend({ id });
export type OrganisationUpdate = z.input<typeof organisationUpdate>;

export const workingAreaInput = z.object({ organisationId: id, areaId: z.string().min(1, 'required').pipe(z.uuid()) });
export type WorkingAreaInput = z.input<typeof workingAreaInput>;

export const teamRename = z.object({ id, name: z.string().trim().min(1).max(200) });
export type TeamRename = z.input<typeof teamRename>;

export const teamMembership = z.object({ teamId: id, userId: id });
export type TeamMembership = z.input<typeof teamMembership>;

export const USER_STATUSES = ['active', 'invited', 'inactive', 'all'] as const;
export type UserStatus = Exclude<(typeof USER_STATUSES)[number], 'all'>;

export const userFilter = z.object({
	organisationId: optionalRecordId,
	role: z.preprocess(emptyAsMissing, z.enum(ROLES).optional()),
	/** active: can sign in; invited: has not chosen a password yet; inactive: switched off by an admin. */
	status: z.preprocess(emptyAsMissing, z.enum(USER_STATUSES).optional()),
	search: z.string().trim().max(200).optional(),
	limit: z.coerce.number().int().min(1).max(1000).default(500)
});
export type UserFilter = z.input<typeof userFilter>;

export const userUpdate = z.object({
	id,
	name: z.string().trim().min(1).max(200),
	role: z.enum(ROLES),
	organisationId: optionalRecordId,
	locale: z.enum(LOCALE_CHOICES),
	teamIds: idList.default([])
});
export type UserUpdate = z.input<typeof userUpdate>;

export const invitationInput = z.object({
	email: z.string().trim().toLowerCase().pipe(z.email()),
	name: z.string().trim().min(1).max(200),
	role: z.enum(ROLES),
	organisationId: optionalRecordId,
	locale: z.enum(LOCALE_CHOICES).default('nl'),
	teamIds: idList.default([]),
	/** The site's origin as the browser reached it (url.origin): the link in the mail starts with it. */
	baseUrl: z.url({ protocol: /^https?$/ })
});
export type InvitationInput = z.input<typeof invitationInput>;

export const resendInput = z.object({ userId: id, baseUrl: z.url({ protocol: /^https?$/ }) });
export type ResendInput = z.input<typeof resendInput>;
