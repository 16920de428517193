// Signals: the kinds a resident picks from, the workflow as one table of allowed transitions, and the input schemas
// of intake and handling. Statuses follow FixMyStreet/Signalen; "rejected" and "not our task" are kept apart from
// "resolved" in every figure.
import { z } from 'zod';
import { contactEmail, contactPhone } from '../people/model';
import { checkbox, omittableId, omittableText, pageNumber, pageSize } from '../validation';
import type { SignalKind, SignalPriority, SignalStatus } from '../db/model';

export const SIGNAL_KINDS = ['home_repair', 'common_spaces', 'nuisance', 'public_space', 'help'] as const satisfies readonly SignalKind[];
export const SIGNAL_STATUSES = [
	'new',
	'accepted',
	'in_progress',
	'waiting',
	'resolved',
	'closed',
	'rejected',
	'not_our_task'
] as const satisfies readonly SignalStatus[];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const satisfies readonly SignalPriority[];
export const LOCATION_KINDS = ['dwelling', 'common_space', 'map', 'address', 'none'] as const;
export const STAFF_CHANNELS = ['house_visit', 'community_centre', 'street', 'phone', 'office'] as const;
/** Photos one signal may bring, from a resident's report form or a worker's intake form. */
export const MAX_REPORT_PHOTOS = 3;

/** Statuses in which someone still has to act: they count for the inbox, deadlines and overdue figures. */
export const OPEN_STATUSES = ['new', 'accepted', 'in_progress', 'waiting'] as const satisfies readonly SignalStatus[];
/** Ended without a solution by us: never counted as solved. */
export const REFUSED_STATUSES = ['rejected', 'not_our_task'] as const satisfies readonly SignalStatus[];

/**
 * The workflow. A status not listed as a target cannot be reached from the source. Reopening (from resolved,
 * closed, rejected or not our task) goes back to "accepted": someone already took it on once.
 */
export const TRANSITIONS: Readonly<Record<SignalStatus, readonly SignalStatus[]>> = {
	new: ['accepted', 'in_progress', 'resolved', 'rejected', 'not_our_task'],
	accepted: ['in_progress', 'waiting', 'resolved', 'rejected', 'not_our_task'],
	in_progress: ['waiting', 'resolved', 'rejected', 'not_our_task'],
	waiting: ['in_progress', 'resolved', 'rejected', 'not_our_task'],
	resolved: ['closed', 'accepted'],
	closed: ['accepted'],
	rejected: ['accepted', 'closed'],
	not_our_task: ['accepted', 'closed']
};

export const canMove = (from: SignalStatus, to: SignalStatus): boolean => TRANSITIONS[from].includes(to);
export const isOpen = (s: SignalStatus): boolean => (OPEN_STATUSES as readonly string[]).includes(s);
/** Moving to these needs a reason the reporter can read. */
export const NEEDS_REASON: readonly SignalStatus[] = ['rejected', 'not_our_task'];
/** The reporter gets a mail when the signal reaches one of these. */
export const REPORTER_IS_TOLD: readonly SignalStatus[] = ['accepted', 'resolved', 'rejected', 'not_our_task'];

const coordinate = (min: number, max: number) =>
	z.preprocess(
		(v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim().replace(',', '.'))) : v),
		z.number().min(min).max(max).optional()
	);

/** Phone numbers as residents type them: digits, spaces, +, /, ., - and brackets; 8 to 15 digits. */
export const phoneNumber = z
	.string()
	.trim()
	.regex(/^[+0-9 ()./-]{8,25}$/, { error: 'phone' })
	.refine(
		(v) => {
			const digits = v.replace(/\D/g, '').length;
			return digits >= 8 && digits <= 15;
		},
		{ error: 'phone' }
	);

/** How a reporter may be reached: both optional; an email is kept in lower case. */
export const reporterEmail = z
	.string()
	.trim()
	.max(254)
	.optional()
	.transform((v) => (v ? v.toLowerCase() : undefined))
	.pipe(z.email().optional());
export const reporterPhone = z
	.string()
	.trim()
	.max(25)
	.optional()
	.transform((v) => (v ? v : undefined))
	.pipe(phoneNumber.optional());

/** What a resident sends in, from the web form or through Open311 (after mapping). */
export const intakeInput = z
	.object({
		kind: z.enum(SIGNAL_KINDS),
		categoryId: z.string().max(64).optional(),
		description: z.string().trim().min(5).max(5000),
		areaId: z.string().max(64).optional(),
		estateId: z.string().max(64).optional(),
		locationKind: z.enum(LOCATION_KINDS).default('none'),
		locationText: omittableText(300),
		lon: coordinate(-180, 180),
		lat: coordinate(-90, 90),
		name: omittableText(120),
		email: reporterEmail,
		phone: reporterPhone,
		language: z.enum(['nl', 'fr', 'en']).default('nl'),
		idempotencyKey: z.string().trim().min(8).max(128).optional()
	})
	.superRefine((v, ctx) => {
		if ((v.lon === undefined) !== (v.lat === undefined))
			ctx.addIssue({ code: 'custom', path: [v.lon === undefined ? 'lon' : 'lat'], message: 'both_coordinates' });
		if (v.locationKind === 'map' && v.lon === undefined) ctx.addIssue({ code: 'custom', path: ['lon'], message: 'map_point_required' });
		if (v.locationKind === 'address' && !v.locationText) ctx.addIssue({ code: 'custom', path: ['locationText'], message: 'address_required' });
	});
export type IntakeInput = z.input<typeof intakeInput>;
export type ValidIntake = z.output<typeof intakeInput>;

/** A worker registers a signal or help request for a resident or household they met. */
export const staffIntakeInput = z
	.object({
		kind: z.enum(SIGNAL_KINDS),
		categoryId: z.string().max(64).optional(),
		description: z.string().trim().min(5).max(5000),
		areaId: z.string().max(64).optional(),
		estateId: z.string().max(64).optional(),
		householdId: z.string().max(64).optional(),
		residentId: z.string().max(64).optional(),
		locationKind: z.enum(LOCATION_KINDS).default('none'),
		locationText: omittableText(300),
		lon: coordinate(-180, 180),
		lat: coordinate(-90, 90),
		channel: z.enum(STAFF_CHANNELS),
		/** A help request is confidential: it needs the resident's consent to share it with the routed partner. */
		consentGiven: checkbox,
		/** With the consent: how the partner may contact the resident about this request (nothing else of their record). */
		contactPhone,
		contactEmail,
		idempotencyKey: z.string().trim().min(8).max(128).optional()
	})
	.superRefine((v, ctx) => {
		if (v.kind === 'help' && !v.residentId) ctx.addIssue({ code: 'custom', path: ['residentId'], message: 'help_needs_resident' });
		if ((v.lon === undefined) !== (v.lat === undefined))
			ctx.addIssue({ code: 'custom', path: [v.lon === undefined ? 'lon' : 'lat'], message: 'both_coordinates' });
	});
export type StaffIntakeInput = z.input<typeof staffIntakeInput>;

export const statusChangeInput = z
	.object({
		status: z.enum(SIGNAL_STATUSES),
		reason: omittableText(2000),
		message: omittableText(5000)
	})
	.superRefine((v, ctx) => {
		if (NEEDS_REASON.includes(v.status) && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'reason_required' });
	});
export type StatusChangeInput = z.input<typeof statusChangeInput>;

export const noteInput = z.object({
	body: z.string().trim().min(1).max(5000),
	toReporter: checkbox
});
export type NoteInput = z.input<typeof noteInput>;

export const inboxFilter = z.object({
	status: z.enum([...SIGNAL_STATUSES, 'open', 'all']).default('open'),
	categoryId: omittableId,
	areaId: omittableId,
	overdue: checkbox,
	mine: checkbox,
	/** On nobody's name yet. */
	unassigned: checkbox,
	/** Still open after the reporter said "not solved" (the "solved?" check or the tracking page: feedback.ts reopens it). */
	reopened: checkbox,
	/** Still open, and a resident wrote on the tracking page after the last step a colleague took (replies.ts). */
	replied: checkbox,
	teamId: omittableId,
	q: omittableText(100),
	page: pageNumber,
	pageSize: pageSize(10, 200, 50)
});
export type InboxFilter = z.input<typeof inboxFilter>;
export type { Figures, GroupFigures } from './figures/figures';
export type { PublicSignalFigures } from './figures/public-figures';
