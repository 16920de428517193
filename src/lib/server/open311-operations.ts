// Open311's POST requests in the OpenAPI document: the spec's fields, and the answer with Leefbaar's address_match
// (docs/open311.md). The rest of Open311 follows GeoReport v2 as published and is not repeated here.
import { z } from 'zod';
import { open311PostInput } from '$core/signals';
import { describeOperation } from './openapi';

const addressMatch = z
	.object({
		match: z.enum(['address', 'street', 'municipality', 'none']).meta({
			description:
				'How address_string was matched to the places Leefbaar knows: `address` the street and number of a known building (the estate), `street` the street in the municipality or postcode given (its area), `municipality` only the municipality, village or postcode, `none` no place'
		}),
		ambiguous: z.boolean().meta({
			description: 'True when the address fitted several places (or named no municipality or postcode) and a coarser level was taken: nothing is guessed'
		}),
		estate: z.string().nullable().meta({ description: 'The estate matched (match `address` only)' }),
		estate_key: z.string().nullable().meta({ description: 'Its key, as in the values of the estate attribute' }),
		area: z.string().nullable().meta({ description: 'The area the report was placed in' }),
		municipality: z.string().nullable(),
		address: z.string().nullable().meta({ description: 'The address as known, without a box (match `address` only), e.g. "Wallaysplein 1, 8560 Wevelgem"' }),
		note: z.string().meta({ description: 'The same in a sentence, in the language of `locale`' })
	})
	.meta({ description: 'Present when address_string was given without attribute[estate]. Places only: never a dwelling or who lives there.' });

describeOperation({
	method: 'post',
	path: '/requests.{format}',
	basePath: '/open311/v2',
	summary:
		'Open311 GeoReport v2: create a service request (api_key required; docs/open311.md). A report with only address_string is placed by its address; errors are the spec’s list [{ code, description }], not problem documents',
	tags: ['open311'],
	body: open311PostInput,
	bodyTypes: ['application/x-www-form-urlencoded', 'application/json'],
	response: z.array(
		z.object({
			service_request_id: z.string().meta({ description: 'Our reference code, e.g. K7M4-PX2Q' }),
			service_notice: z.string().nullable(),
			account_id: z.null(),
			address_match: addressMatch.optional()
		})
	),
	responseDescription: 'The request is stored and routed',
	errors: []
});
