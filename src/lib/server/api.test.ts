// JSON endpoints: a core error is a problem document (RFC 9457) unless the API has an error shape of its own
// (Open311's list, in JSON or XML); a body that cannot be read is the client's mistake, never a 500.
import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { DomainError, Invalid, NotFound } from '$core/errors';
import { apiEndpoint, readBody } from './api';

const event = {
	locals: { locale: 'en' },
	url: new URL('http://leefbaar.test/api/v1/things'),
	request: new Request('http://leefbaar.test/api/v1/things')
} as RequestEvent;

const listed = (err: DomainError) =>
	new Response(`<errors><code>${err.status}</code></errors>`, { status: err.status, headers: { 'content-type': 'text/xml' } });

describe('apiEndpoint', () => {
	it('answers with what the handler returns, as JSON', async () => {
		const answer = await apiEndpoint(async () => ({ id: 1 }))(event);
		expect(answer.status).toBe(200);
		expect(await answer.json()).toEqual({ id: 1 });
	});

	it('makes a core error a problem document by default', async () => {
		const answer = await apiEndpoint(async () => {
			throw new NotFound('thing', '7');
		})(event);
		expect(answer.status).toBe(404);
		expect(answer.headers.get('content-type')).toBe('application/problem+json');
		expect(await answer.json()).toMatchObject({ code: 'not_found', status: 404, instance: '/api/v1/things' });
	});

	it('answers a core error in the API’s own shape when it has one, and an unreadable JSON body too', async () => {
		const endpoint = (thrown: unknown) =>
			apiEndpoint(
				async () => {
					throw thrown;
				},
				{ refusal: listed }
			)(event);
		const missing = await endpoint(new NotFound('thing'));
		expect(missing.status).toBe(404);
		expect(await missing.text()).toBe('<errors><code>404</code></errors>');
		const unreadable = await endpoint(new SyntaxError('Unexpected token'));
		expect(unreadable.status).toBe(422);
		expect(await unreadable.text()).toBe('<errors><code>422</code></errors>');
	});

	it('leaves to the problem document what the API’s own shape does not answer', async () => {
		const answer = await apiEndpoint(
			async () => {
				throw new NotFound('thing');
			},
			{ refusal: () => undefined }
		)(event);
		expect(answer.headers.get('content-type')).toBe('application/problem+json');
	});

	it('lets an error that is no core error through', async () => {
		const answer = apiEndpoint(
			async () => {
				throw new TypeError('broken');
			},
			{ refusal: listed }
		)(event);
		await expect(answer).rejects.toThrow(TypeError);
	});
});

describe('readBody', () => {
	const unreadable = Invalid.field('', 'body', 'The body could not be read');

	it('gives what was read', async () => {
		expect(await readBody(async () => ({ title: 'Lift' }), unreadable)).toEqual({ title: 'Lift' });
	});

	it('turns whatever the reader threw into the refusal it was given', async () => {
		const read = readBody(async () => JSON.parse('{"title":') as unknown, unreadable);
		await expect(read).rejects.toThrow(Invalid);
		await expect(read).rejects.toMatchObject({ code: 'invalid_input', issues: [{ code: 'body' }] });
	});
});
