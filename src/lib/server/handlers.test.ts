// The wrappers a route runs its work in, so that no route file catches core errors itself: what they do with a core
// error the route answers in its own way, with one it leaves to them, and with anything else; and a scan of
// src/routes that fails for a route file with a try block or an error-class check of its own.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isActionFailure, isHttpError, type RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { Conflict, Invalid, NotFound } from '$core/errors';
import { answerRefusal, formAction, invalidField, invalidIssues, pageAction, unlessRefused } from './handlers';

// What the wrappers read of a request: its locale, address, body and a place for headers.
const event = (request = new Request('http://leefbaar.test/x', { method: 'POST' })) =>
	({ locals: { locale: 'nl', sessionExpired: false }, url: new URL(request.url), request, setHeaders: () => {} }) as unknown as RequestEvent;

const issue = { path: 'name', code: 'required', message: 'required' };

describe('answerRefusal', () => {
	it('gives the work’s result when nothing is refused', async () => {
		expect(
			await answerRefusal(
				async () => 'stored',
				() => 'refused'
			)
		).toBe('stored');
	});

	it('gives the route’s answer to a core error it words itself', async () => {
		const answer = await answerRefusal(
			async () => {
				throw new Invalid([issue]);
			},
			(err) => invalidIssues(err)?.map((i) => i.path)
		);
		expect(answer).toEqual(['name']);
	});

	it('leaves a core error it does not answer, and anything that is no core error, as it was thrown', async () => {
		const notMine = answerRefusal(
			async () => {
				throw new NotFound('survey', 'x');
			},
			(err) => invalidIssues(err)
		);
		await expect(notMine).rejects.toThrow(NotFound);
		const bug = answerRefusal(
			async () => {
				throw new TypeError('broken');
			},
			() => 'answered'
		);
		await expect(bug).rejects.toThrow(TypeError);
	});

	it('unlessRefused answers only the codes it names', async () => {
		const refused = await unlessRefused(
			async () => {
				throw new Conflict('link_revoked', 'revoked');
			},
			['link_revoked'],
			(code) => ({ refused: code })
		);
		expect(refused).toEqual({ refused: 'link_revoked' });
		const other = unlessRefused(
			async () => {
				throw new Conflict('name_taken', 'taken');
			},
			['link_revoked'],
			(code) => code
		);
		await expect(other).rejects.toThrow(Conflict);
	});
});

describe('invalidIssues and invalidField', () => {
	it('read the issues of an Invalid, and nothing from another error', () => {
		expect(invalidIssues(new Invalid([issue]))).toEqual([issue]);
		expect(invalidField(new Invalid([issue]), 'name')).toEqual(issue);
		expect(invalidField(new Invalid([issue]), 'email')).toBeUndefined();
		expect(invalidIssues(new NotFound('survey'))).toBeUndefined();
		expect(invalidIssues(new Error('boom'))).toBeUndefined();
	});
});

describe('pageAction', () => {
	it('makes a core error the error page with its status, as a load does', async () => {
		const action = pageAction(async () => {
			throw new NotFound('place', 'gone');
		});
		const thrown = await action(event()).catch((err: unknown) => err);
		expect(isHttpError(thrown, 404)).toBe(true);
	});
});

describe('formAction', () => {
	it('hands shape the posted body, so a page can say how many files to choose again', async () => {
		const body = new FormData();
		body.set('title', 'Lift stuk');
		body.append('photos', new File([new Uint8Array([1, 2, 3])], 'a.jpg', { type: 'image/jpeg' }));
		body.append('photos', new File([new Uint8Array([4])], 'b.jpg', { type: 'image/jpeg' }));
		const action = formAction(
			async () => {
				throw new Invalid([issue]);
			},
			{ shape: (failure, _form, data) => ({ ...failure, photosChosen: data.getAll('photos').length }) }
		);
		const result = await action(event(new Request('http://leefbaar.test/x', { method: 'POST', body })));
		expect(isActionFailure(result)).toBe(true);
		expect(result).toMatchObject({ status: 400, data: { photosChosen: 2, values: { title: 'Lift stuk' }, errors: { name: expect.any(String) } } });
	});
});

describe('route files', () => {
	const ROUTES = fileURLToPath(new URL('../../routes', import.meta.url));
	const sources = (dir: string): string[] =>
		readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
			const path = join(dir, e.name);
			if (e.isDirectory()) return sources(path);
			return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [path] : [];
		});

	it('catch no core errors and check no error classes themselves: the wrappers here answer for them', () => {
		const files = sources(ROUTES);
		expect(files.length).toBeGreaterThan(100);
		const own = files.filter((f) => /\btry\s*\{|\binstanceof\b/.test(readFileSync(f, 'utf8'))).map((f) => relative(ROUTES, f));
		expect(own, 'run the work in pageLoad, pageAction, formAction, fileEndpoint or apiEndpoint').toEqual([]);
	});
});
