// The OpenAPI 3.1 document of /api/v1, built from the same Zod schemas that validate the requests.
import { z } from 'zod';

type Operation = {
	method: 'get' | 'post' | 'put' | 'patch' | 'delete';
	path: string;
	summary: string;
	tags: string[];
	query?: z.ZodObject;
	body?: z.ZodType;
	response: z.ZodType;
	responseDescription: string;
	auth?: boolean;
	errors?: number[];
	/** Served under another base than /api/v1 (Open311's /open311/v2): the path item names its own server. */
	basePath?: string;
	/** Body encodings besides JSON (Open311 clients post forms). */
	bodyTypes?: string[];
	/** A multipart/form-data body besides JSON, with its own schema (parts) and each part's encoding. */
	multipart?: { schema: Record<string, unknown>; encoding: Record<string, { contentType: string }> };
};

const problem = z
	.object({
		type: z.string(),
		title: z.string(),
		status: z.number().int(),
		detail: z.string(),
		code: z.string(),
		instance: z.string().optional(),
		errors: z.array(z.object({ pointer: z.string(), code: z.string(), detail: z.string() })).optional()
	})
	.meta({ description: 'RFC 9457 problem document; `title` and `errors[].detail` are in the language of Accept-Language or the lang cookie.' });

const operations: Operation[] = [];

export function describeOperation(op: Operation): void {
	operations.push(op);
}

function parametersOf(schema: z.ZodObject | undefined) {
	if (!schema) return [];
	const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, unknown>; required?: string[] };
	return Object.entries(json.properties ?? {}).map(([name, s]) => ({ name, in: 'query', required: json.required?.includes(name) ?? false, schema: s }));
}

function requestContent(op: Operation): Record<string, unknown> {
	const content: Record<string, unknown> = Object.fromEntries(
		(op.bodyTypes ?? ['application/json']).map((type) => [type, { schema: z.toJSONSchema(op.body!, { io: 'input', unrepresentable: 'any' }) }])
	);
	if (op.multipart) content['multipart/form-data'] = op.multipart;
	return content;
}

export function openApiDocument(serverUrl: string): Record<string, unknown> {
	const paths: Record<string, Record<string, unknown>> = {};
	for (const op of operations) {
		const responses: Record<string, unknown> = {
			'200': {
				description: op.responseDescription,
				content: { 'application/json': { schema: z.toJSONSchema(op.response, { io: 'output', unrepresentable: 'any' }) } }
			}
		};
		for (const status of op.errors ?? [400])
			responses[String(status)] = { description: 'Problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
		const item = (paths[op.path] ??= {});
		if (op.basePath) item.servers = [{ url: new URL(op.basePath, serverUrl).href }];
		item[op.method] = {
			summary: op.summary,
			tags: op.tags,
			parameters: parametersOf(op.query),
			...(op.body ? { requestBody: { required: true, content: requestContent(op) } } : {}),
			...(op.auth ? { security: [{ session: [] }] } : {}),
			responses
		};
	}
	return {
		openapi: '3.1.0',
		info: {
			title: 'Leefbaar API',
			version: '1',
			description:
				'Areas, places and (later) signals of Leefbaar. Errors are RFC 9457 problem documents. Reporting apps send reports in through the separate Open311 GeoReport v2 endpoint at /open311/v2 (discovery at /open311/v2/discovery.json; see docs/open311.md).'
		},
		servers: [{ url: serverUrl }],
		paths,
		components: {
			schemas: { Problem: z.toJSONSchema(problem) },
			securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'leefbaar_session' } }
		}
	};
}
