// Organisations (partners), their teams and staff accounts.
import { z } from 'zod';

export const ORGANISATION_KINDS = ['regional_institute', 'housing_company', 'welfare_centre', 'municipality', 'association'] as const;
export const ROLES = ['admin', 'coordinator', 'community_worker', 'partner_staff'] as const;

const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max)
		.optional()
		.nullable()
		.transform((v) => (v ? v : null));

export const organisationInput = z.object({
	name: z.string().trim().min(1).max(200),
	kind: z.enum(ORGANISATION_KINDS),
	municipalityId: z.uuid().optional().nullable().or(z.literal('').transform(() => null)),
	email: z.email().optional().nullable().or(z.literal('').transform(() => null)),
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
	organisationId: z.uuid().optional().nullable().or(z.literal('').transform(() => null)),
	locale: z.enum(['nl', 'fr', 'en']).default('nl'),
	teamIds: z.array(z.uuid()).default([]),
	/** Set directly only by the system (demo data, first admin); staff get an invitation instead. */
	password: password.optional()
});
export type UserInput = z.input<typeof userInput>;
