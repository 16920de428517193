// The one place where core errors become answers: RFC 9457 problem documents for API clients, form failures with
// translated field messages for pages, and error pages otherwise.
import { error as kitError, fail, json, type ActionFailure } from '@sveltejs/kit';
import { Conflict, DomainError, Invalid } from '$core/errors';
import { translate, type Locale } from '$core/i18n';
import { fieldErrors } from '$core/i18n/field-errors';
import { readForm } from './form-body';

export function wantsProblemJson(request: Request): boolean {
	return (request.headers.get('accept') ?? '').includes('json');
}

export function problemResponse(err: unknown, locale: Locale, instance?: string): Response {
	if (err instanceof DomainError) {
		const body: Record<string, unknown> = {
			type: `https://leefbaar.be/problems/${err.code}`,
			title: translate(locale, `errors.${err.code}`),
			status: err.status,
			detail: err.message,
			code: err.code
		};
		if (instance) body.instance = instance;
		if (err instanceof Invalid) {
			body.errors = err.issues.map((i) => ({ pointer: `/${i.path.replaceAll('.', '/')}`, code: i.code, detail: fieldErrors(locale, [i])[i.path || '_form'] }));
		}
		return json(body, { status: err.status, headers: { 'content-type': 'application/problem+json' } });
	}
	throw err;
}

export type FormErrors = { errors: Record<string, string>; message: string; values?: Record<string, unknown> };

/** For form actions: a DomainError becomes fail(status, { errors, message, values }); anything else is rethrown. */
export function formFailure(err: unknown, locale: Locale, values?: Record<string, unknown>): ActionFailure<FormErrors> {
	if (err instanceof Invalid) {
		return fail(err.status === 422 ? 400 : err.status, {
			errors: fieldErrors(locale, err.issues),
			message: translate(locale, 'common.form_has_errors'),
			values
		});
	}
	if (err instanceof DomainError) {
		const message = translate(locale, `errors.${err.code}`, stringParams(err.params));
		// A conflict about one field (a name or email already taken) shows next to that field as well.
		const errors: Record<string, string> = err instanceof Conflict && typeof err.params.field === 'string' ? { [err.params.field]: message } : {};
		return fail(err.status, { errors, message, values });
	}
	throw err;
}

/** For load functions: a DomainError becomes SvelteKit's error page with the right status. */
export function pageError(err: unknown, locale: Locale): never {
	if (err instanceof DomainError) kitError(err.status, { message: translate(locale, `errors.${err.code}`), code: err.code });
	throw err;
}

function stringParams(params: Record<string, unknown>): Record<string, string> {
	return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
}

/** Form fields as a plain object (repeated names become arrays), for parsing with a Zod schema in core. */
export async function formObject(request: Request): Promise<Record<string, unknown>> {
	return formFields(await readForm(request));
}

/** The text fields of a form already read (a form with files reads them from the same FormData). */
export function formFields(data: FormData): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [key, value] of data.entries()) {
		if (typeof value !== 'string') continue;
		if (key in out) out[key] = ([] as unknown[]).concat(out[key], value);
		else out[key] = value;
	}
	return out;
}
