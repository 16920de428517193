// Every /api/v1 operation, described once for the OpenAPI document (the handlers validate with the same schemas).
import { z } from 'zod';
import { describeOperation } from './openapi';
import { areaApiListQuery, areaLookupQuery } from '$core/areas/model';
import { areaFeatureJson, areaJson } from '$core/areas/presenters';

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
