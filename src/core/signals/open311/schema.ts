// Open311 GeoReport v2: the shapes it answers with and the schemas of what clients send, in the spec's own field
// names. Kept apart from open311.ts so the mapping there reads as "their fields → our intake and back".
import { z } from 'zod';
import { phoneNumber } from '../model';
import { omittableText } from '../../validation';

export const GEOREPORT_V2 = 'http://wiki.open311.org/GeoReport_v2';
/** Default and largest answer of GET requests (the spec: "a span of 90 days or first 1000 requests"). */
export const REQUESTS_WINDOW_DAYS = 90;
export const REQUESTS_LIMIT = 1000;
/** The spec limits descriptions to 4,000 characters; ours may be longer, so answers cut them there. */
export const DESCRIPTION_MAX = 4000;

export type Open311Service = {
	service_code: string;
	service_name: string;
	description: string | null;
	metadata: boolean;
	type: 'realtime';
	keywords: string | null;
	group: string | null;
};
export type Open311AttributeValue = { key: string; name: string };
export type Open311Attribute = {
	variable: boolean;
	code: string;
	datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
	required: boolean;
	datatype_description: string | null;
	order: number;
	description: string;
	values: Open311AttributeValue[];
};
export type Open311ServiceDefinition = { service_code: string; attributes: Open311Attribute[] };
/**
 * Leefbaar's addition to the POST answer when the request gave an address_string (and no attribute[estate]): which
 * place the address was matched to, and how (docs/open311.md). Places only, never a dwelling or its household.
 */
export type Open311AddressMatch = {
	match: 'address' | 'street' | 'municipality' | 'none';
	ambiguous: boolean;
	estate: string | null;
	/** The estate's key, as in the estate attribute's values. */
	estate_key: string | null;
	area: string | null;
	municipality: string | null;
	address: string | null;
	note: string;
};
export type Open311Created = { service_request_id: string; service_notice: string | null; account_id: null; address_match?: Open311AddressMatch };
export type Open311Request = {
	service_request_id: string;
	status: 'open' | 'closed';
	status_notes: string | null;
	service_name: string | null;
	service_code: string;
	description: string | null;
	agency_responsible: string | null;
	service_notice: string | null;
	requested_datetime: string;
	updated_datetime: string | null;
	expected_datetime: string | null;
	address: string | null;
	lat: number | null;
	long: number | null;
};
export type Open311Error = { code: number; description: string };

/** "Optional" in the spec: an empty parameter is the same as a missing one. */
const coordinate = (min: number, max: number) =>
	z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v), z.number().min(min).max(max).optional());

/** POST requests, after attribute[code] and attribute[code][] fields are gathered into `attribute`. */
export const open311PostInput = z.object({
	jurisdiction_id: omittableText(200),
	service_code: z.string().trim().min(1).max(64),
	lat: coordinate(-90, 90),
	long: coordinate(-180, 180),
	address_string: omittableText(300),
	address_id: omittableText(100),
	email: omittableText(254).pipe(z.email().optional()),
	device_id: omittableText(200),
	account_id: omittableText(200),
	first_name: omittableText(60),
	last_name: omittableText(60),
	phone: omittableText(25).pipe(phoneNumber.optional()),
	description: z.string().trim().min(5).max(5000),
	media_url: z
		.string()
		.trim()
		.max(2000)
		.optional()
		.transform((v) => (v ? v : undefined))
		.pipe(z.url({ protocol: /^https?$/ }).optional()),
	locale: omittableText(20),
	attribute: z.record(z.string().max(64), z.union([z.string().max(300), z.array(z.string().max(300)).max(50)])).default({})
});
export type Open311PostInput = z.input<typeof open311PostInput>;

/** W3C date-times with a zone (2010-01-01T00:00:00Z, …+01:00); a bare date counts as midnight UTC. */
const w3Date = z
	.string()
	.trim()
	.optional()
	.transform((v) => (v ? v : undefined))
	.pipe(z.union([z.iso.datetime({ offset: true }), z.iso.date()], { error: 'datetime' }).optional());
const commaList = (max: number) =>
	omittableText(2000).transform((v) =>
		v
			? v
					.split(',')
					.map((s) => s.trim())
					.filter(Boolean)
					.slice(0, max)
			: []
	);

export const open311RequestsQuery = z.object({
	jurisdiction_id: omittableText(200),
	service_request_id: commaList(REQUESTS_LIMIT),
	service_code: commaList(200),
	start_date: w3Date,
	end_date: w3Date,
	status: commaList(2).pipe(z.array(z.enum(['open', 'closed'], { error: 'status' }))),
	locale: omittableText(20)
});
export type Open311RequestsQuery = z.input<typeof open311RequestsQuery>;

/**
 * Form fields (or a JSON object) as the spec sends them, with `attribute[where]=dwelling` and the multi-value form
 * `attribute[kind][]=a&attribute[kind][]=b` gathered into `{ attribute: { where: 'dwelling', kind: ['a', 'b'] } }`.
 * A JSON body may also send `attribute` as an object. Other repeated fields keep their first value.
 */
export function gatherOpen311Fields(entries: Iterable<[string, unknown]>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	const attribute: Record<string, string | string[]> = {};
	for (const [key, raw] of entries) {
		const match = /^attribute\[([^\]]*)\](\[\])?$/.exec(key);
		if (match) {
			const value = typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : raw;
			if (typeof value !== 'string' && !Array.isArray(value)) continue;
			const code = match[1];
			if (match[2] || Array.isArray(value)) attribute[code] = [...[attribute[code] ?? []].flat(), ...[value].flat().map(String)];
			else if (!(code in attribute)) attribute[code] = value;
			continue;
		}
		if (key === 'attribute' && raw && typeof raw === 'object' && !Array.isArray(raw)) {
			for (const [code, value] of Object.entries(raw as Record<string, unknown>)) {
				if (typeof value === 'string' || typeof value === 'number') attribute[code] = String(value);
				else if (Array.isArray(value)) attribute[code] = value.map(String);
			}
			continue;
		}
		if (key in out) continue;
		// JSON clients send numbers for lat/long: keep them; everything else as text.
		out[key] = typeof raw === 'number' ? raw : typeof raw === 'string' ? raw : raw === null ? undefined : String(raw);
	}
	out.attribute = attribute;
	return out;
}

/** The spec's language hint ("fr", "fr_BE", "en-US") as one of ours, or null. */
export function localeFrom(value: string | undefined | null): 'nl' | 'fr' | 'en' | null {
	const two = (value ?? '').trim().toLowerCase().slice(0, 2);
	return two === 'nl' || two === 'fr' || two === 'en' ? two : null;
}

/** Our statuses in the spec's two: whatever still needs someone to act is open. */
export function open311Status(status: string): 'open' | 'closed' {
	return ['new', 'accepted', 'in_progress', 'waiting'].includes(status) ? 'open' : 'closed';
}

/** W3C date-time without milliseconds, as older clients parse it. */
export function w3(iso: string | Date | null | undefined): string | null {
	if (!iso) return null;
	return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
