// Areas and places: the Zod schemas of region → municipality → area → estate → building → dwelling, and slugs.
import { z } from 'zod';
import { optionalRecordId, optionalText } from '../validation';
import { geometryIssue, normaliseAreaGeometry } from './geojson';
import type { AreaGeometry } from './geometry';

export const AREA_KINDS = ['region', 'municipality', 'neighbourhood', 'focus_area', 'village'] as const;
/** The kinds a resident thinks of as "my neighbourhood": they get a public page in the list. */
export const LOCAL_AREA_KINDS = ['neighbourhood', 'focus_area', 'village'] as const;

/** URL-safe name: lower case, no accents, words joined by hyphens ("Sint-Lenaarts (Brecht)" → "sint-lenaarts-brecht"). */
export function slugify(name: string): string {
	const slug = name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 80)
		.replace(/-+$/, '');
	return slug || 'gebied';
}

/** A format issue with our own format name, so the message can say what shape is expected. */
const formatIssue = (format: string, input: unknown) => ({ code: 'invalid_format' as const, format, input, message: `Not a valid ${format}` });

const slugInput = z
	.string()
	.trim()
	.toLowerCase()
	.max(80)
	.superRefine((v, ctx) => {
		if (!/^([a-z0-9]+(-[a-z0-9]+)*)?$/.test(v)) ctx.addIssue(formatIssue('slug', v) as never);
	})
	.optional()
	.nullable()
	.transform((v) => (v ? v : null));

/** A form posts a number as text: '' means "not given". */
const optionalNumber = (min: number, max: number) =>
	z
		.union([z.number(), z.string().trim()])
		.optional()
		.nullable()
		.transform((v, ctx) => {
			if (v === undefined || v === null || v === '') return null;
			const n = typeof v === 'number' ? v : Number(v.replace(',', '.'));
			if (!Number.isFinite(n)) {
				ctx.addIssue({ code: 'invalid_type', expected: 'number', input: v });
				return z.NEVER;
			}
			if (n < min || n > max) {
				ctx.addIssue({ code: n < min ? 'too_small' : 'too_big', origin: 'number', minimum: min, maximum: max, inclusive: true, input: n } as never);
				return z.NEVER;
			}
			return n;
		});

/** A GeoJSON Polygon or MultiPolygon, given as an object or as JSON text (a textarea); '' means none. */
export const boundaryInput = z
	.unknown()
	.optional()
	.transform((value, ctx): AreaGeometry | null => {
		if (value === undefined || value === null || value === '') return null;
		let parsed: unknown = value;
		if (typeof value === 'string') {
			try {
				parsed = JSON.parse(value);
			} catch {
				ctx.addIssue(formatIssue('geojson', value) as never);
				return z.NEVER;
			}
		}
		// A whole Feature pasted from a map tool: take its geometry.
		const g = parsed as { type?: unknown; geometry?: unknown };
		if (g && typeof g === 'object' && g.type === 'Feature') parsed = g.geometry;
		const issue = geometryIssue(parsed, ['Polygon', 'MultiPolygon']);
		if (issue) {
			ctx.addIssue({ ...formatIssue('geojson', value), message: `The boundary is not a valid polygon (${issue})` } as never);
			return z.NEVER;
		}
		return normaliseAreaGeometry(parsed as AreaGeometry);
	});

export const areaInput = z.object({
	kind: z.enum(AREA_KINDS),
	parentId: optionalRecordId,
	name: z.string().trim().min(1).max(200),
	nameFr: optionalText(200),
	slug: slugInput,
	code: optionalText(20),
	description: optionalText(4000),
	boundary: boundaryInput
});
export type AreaInput = z.input<typeof areaInput>;
export type AreaValues = z.output<typeof areaInput>;

export const areaListQuery = z.object({
	kind: z.enum(AREA_KINDS).optional(),
	parentId: z.uuid().optional(),
	/** Only areas at the top (without a parent). */
	topLevel: z.boolean().optional()
});
export type AreaListQuery = z.input<typeof areaListQuery>;

export const estateInput = z.object({
	areaId: z.uuid(),
	name: z.string().trim().min(1).max(200),
	slug: slugInput,
	housingCompanyId: optionalRecordId,
	description: optionalText(4000),
	lon: optionalNumber(-180, 180),
	lat: optionalNumber(-90, 90),
	boundary: boundaryInput
});
export type EstateInput = z.input<typeof estateInput>;

export const buildingInput = z.object({
	estateId: z.uuid(),
	name: z.string().trim().min(1).max(200),
	street: optionalText(200),
	houseNumber: optionalText(20),
	postalCode: optionalText(10),
	lon: optionalNumber(-180, 180),
	lat: optionalNumber(-90, 90)
});
export type BuildingInput = z.input<typeof buildingInput>;

export const dwellingInput = z.object({
	buildingId: z.uuid(),
	externalRef: optionalText(50),
	unit: optionalText(50),
	street: z.string().trim().min(1).max(200),
	houseNumber: z.string().trim().min(1).max(20),
	box: optionalText(20),
	postalCode: z
		.string()
		.trim()
		.min(1)
		.superRefine((v, ctx) => {
			if (!/^\d{4}$/.test(v)) ctx.addIssue(formatIssue('postal_code', v) as never);
		}),
	bedrooms: optionalNumber(0, 20).superRefine((n, ctx) => {
		if (n !== null && !Number.isInteger(n)) ctx.addIssue(formatIssue('integer', n) as never);
	})
});
export type DwellingInput = z.input<typeof dwellingInput>;

/** An import of areas from a GeoJSON file: which kind they are, where they hang, and which properties hold what. */
export const areaImportInput = z.object({
	text: z.string(),
	fileName: optionalText(200),
	kind: z.enum(AREA_KINDS).default('municipality'),
	parentId: optionalRecordId,
	nameProperty: optionalText(100),
	codeProperty: optionalText(100),
	nameFrProperty: optionalText(100),
	dryRun: z.boolean().default(false)
});
export type AreaImportInput = z.input<typeof areaImportInput>;

/** A text query parameter that must be a number in a range ("3.18"); empty or missing is "required". */
const coordinate = (min: number, max: number, description: string) =>
	z
		.string()
		.trim()
		.min(1)
		.meta({ description })
		.transform((v, ctx) => {
			// A decimal comma is how people in Belgium write numbers; accept it like the forms do.
			const n = Number(v.replace(',', '.'));
			if (!Number.isFinite(n)) {
				ctx.addIssue({ code: 'invalid_type', expected: 'number', input: v });
				return z.NEVER;
			}
			return n;
		})
		.pipe(z.number().min(min).max(max));

/** GET /api/v1/areas/lookup?lon=&lat= */
export const areaLookupQuery = z.object({
	lon: coordinate(-180, 180, 'Longitude in WGS84 degrees, -180 to 180, with a decimal point (3.18)'),
	lat: coordinate(-90, 90, 'Latitude in WGS84 degrees, -90 to 90, with a decimal point (50.81)')
});

/** GET /api/v1/areas?kind=&parent= (parent by its slug) */
export const areaApiListQuery = z.object({ kind: z.enum(AREA_KINDS).optional(), parent: z.string().trim().max(80).optional() });
export type { AreaDirectory } from './public';
