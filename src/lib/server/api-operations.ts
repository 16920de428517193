// Every /api/v1 operation, described once for the OpenAPI document (the handlers validate with the same schemas).
import { z } from 'zod';
import { describeOperation } from './openapi';
import { areaApiListQuery, areaLookupQuery } from '$core/areas/model';
import { areaFeatureJson, areaJson } from '$core/areas';
import { MAX_IMAGE_BYTES } from '$core/files';
import { MAX_REPORT_PHOTOS, staffIntakeInput } from '$core/signals/model';

describeOperation({
	method: 'get',
	path: '/openapi.json',
	summary: 'This document',
	tags: ['meta'],
	response: z.record(z.string(), z.unknown()),
	responseDescription: 'The OpenAPI 3.1 document',
	errors: []
});

describeOperation({
	method: 'get',
	path: '/areas',
	summary: 'Areas (regions, municipalities, neighbourhoods, focus areas, villages), by name; without boundaries',
	tags: ['areas'],
	query: areaApiListQuery,
	response: z.object({ areas: z.array(areaJson) }),
	responseDescription: 'The areas',
	errors: [400, 404]
});

describeOperation({
	method: 'get',
	path: '/areas/lookup',
	summary: 'Which area holds this point? The smallest one, and the larger ones around it',
	tags: ['areas'],
	query: areaLookupQuery,
	response: z.object({ area: areaJson, within: z.array(areaJson) }),
	responseDescription: 'The smallest area holding the point (WGS84 lon/lat), then the larger ones, smallest first',
	errors: [400, 404]
});

describeOperation({
	method: 'get',
	path: '/areas/{slug}',
	summary: 'One area as a GeoJSON Feature with its boundary',
	tags: ['areas'],
	response: areaFeatureJson,
	responseDescription: 'The area (application/geo+json)',
	errors: [404]
});

describeOperation({
	method: 'post',
	path: '/signals',
	summary: `A worker registers a signal or help request for a resident they met (the staff intake form, also offline on a phone). Send an Idempotency-Key header (it takes the place of idempotencyKey in the body): 201 the first time, 200 with replayed: true for a resend; the same key with another body or other photos is a 422 problem (code idempotency_key_reused). A help request goes to the routed partner only with consentGiven: true (the resident's consent is recorded). With photos, send multipart/form-data: the fields as JSON in the part "signal", up to ${MAX_REPORT_PHOTOS} images (JPEG, PNG, WebP, GIF or AVIF, up to ${MAX_IMAGE_BYTES / 1024 / 1024} MB each) as "photos" parts. The photos are re-encoded without their metadata (no location) and stored with the signal in one go: a resend under the same key stores neither the signal nor its photos again. A file that is no readable image, too large or one too many is a 422 problem with an error on /photos, and nothing is stored`,
	tags: ['signals'],
	auth: true,
	body: staffIntakeInput,
	multipart: {
		schema: {
			type: 'object',
			required: ['signal'],
			properties: {
				signal: z.toJSONSchema(staffIntakeInput, { io: 'input', unrepresentable: 'any' }),
				photos: {
					type: 'array',
					maxItems: MAX_REPORT_PHOTOS,
					items: { type: 'string', contentMediaType: 'application/octet-stream', description: `An image of at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB` }
				}
			}
		},
		encoding: { signal: { contentType: 'application/json' }, photos: { contentType: 'image/jpeg, image/png, image/webp, image/gif, image/avif' } }
	},
	response: z.object({ id: z.string(), reference: z.string(), replayed: z.boolean(), url: z.string() }),
	responseDescription: 'The signal is stored (or was stored before under this Idempotency-Key)',
	errors: [400, 401, 403, 404, 422]
});
