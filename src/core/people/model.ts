// Households, residents and consent: the types and Zod schemas of the people module.
import { z } from 'zod';
import { LANGUAGE_CODE, omittableText, optionalIsoDate, optionalRecordId, optionalText, pageNumber, pageSize } from '../validation';

export const CONTACT_CHANNELS = ['email', 'phone', 'letter', 'visit'] as const;
/** What a resident may agree to share with a partner (labels: people.scope_<scope>). */
export const CONSENT_SCOPES = ['contact_details', 'household_situation', 'help_request'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

export const householdInput = z.object({
	name: z.string().trim().min(1).max(200),
	dwellingId: optionalRecordId,
	externalRef: optionalText(100),
	moveInDate: optionalIsoDate,
	moveOutDate: optionalIsoDate
});
export type HouseholdInput = z.input<typeof householdInput>;

const birthYear = z
	.union([z.coerce.number().int().min(1900).max(new Date().getUTCFullYear()), z.literal('')])
	.optional()
	.nullable()
	.transform((v) => (typeof v === 'number' ? v : null));

export const residentInput = z.object({
	householdId: optionalRecordId,
	externalRef: optionalText(100),
	firstName: z.string().trim().min(1).max(100),
	lastName: z.string().trim().min(1).max(100),
	birthYear,
	/** A language code: nl, fr, en, ar, tr, pl, … */
	language: z.string().trim().toLowerCase().regex(LANGUAGE_CODE).default('nl'),
	contactChannel: z.enum(CONTACT_CHANNELS).default('letter'),
	email: z
		.union([z.string().trim().toLowerCase().pipe(z.email()), z.literal('')])
		.optional()
		.nullable()
		.transform((v) => (v ? v : null)),
	phone: optionalText(50),
	isVolunteer: z
		.union([z.boolean(), z.enum(['on', 'true', 'false', ''])])
		.optional()
		.transform((v) => v === true || v === 'on' || v === 'true')
});
export type ResidentInput = z.input<typeof residentInput>;

export const residentSearch = z.object({
	q: omittableText(100),
	areaId: optionalRecordId,
	estateId: optionalRecordId,
	page: pageNumber,
	pageSize: pageSize(1, 200, 25)
});
export type ResidentSearch = z.input<typeof residentSearch>;

/** A phone number as people write it: digits, spaces, +, /, ., - and brackets; 8 to 15 digits (as a reporter's). */
export const contactPhone = z
	.union([
		z
			.string()
			.trim()
			.regex(/^[+0-9 ()./-]{8,25}$/, { error: 'phone' })
			.refine((v) => (v.match(/\d/g) ?? []).length >= 8 && (v.match(/\d/g) ?? []).length <= 15, { error: 'phone' }),
		z.literal('')
	])
	.optional()
	.nullable()
	.transform((v) => (v ? v : null));
export const contactEmail = z
	.union([z.string().trim().toLowerCase().max(254).pipe(z.email()), z.literal('')])
	.optional()
	.nullable()
	.transform((v) => (v ? v : null));

export const consentInput = z.object({
	residentId: z.uuid(),
	organisationId: z.string().min(1).pipe(z.uuid()),
	scope: z.enum(CONSENT_SCOPES),
	purpose: z.string().trim().min(1).max(500),
	/** How the receiving organisation may contact the resident for this purpose (a help request); nothing else of the record. */
	contactPhone,
	contactEmail
});
export type ConsentInput = z.input<typeof consentInput>;
export const contactInput = z.object({ contactPhone, contactEmail });

/** A consent withdrawn at the resident's request: how they asked ("phoned the office on 3 December"). */
export const withdrawalInput = z.object({
	consentId: z.string().min(1).pipe(z.uuid()),
	note: z.string().trim().min(1).max(500)
});
export type WithdrawalInput = z.input<typeof withdrawalInput>;

/** One line of a list of households (an estate page): names only, no individual's details. */
export type HouseholdListItem = { id: string; name: string; dwellingId: string | null; moveInDate: string | null; residentCount: number };

/** One line of the residents list: a name and where they live, nothing more (not an individual read). */
export type ResidentListItem = { id: string; firstName: string; lastName: string; householdId: string | null; estateName: string | null };
export { AUDIT_ACTIONS, AUDIT_RESOURCES } from './audit-filters';
