// Loads, form actions and file endpoints run through these wrappers: the route does its work, and a core error on
// the way becomes an answer through problem.ts (an error page, a sign-in redirect, a form failure, a problem
// document). A route file then needs no try/catch of its own for core errors. JSON endpoints have apiEndpoint (api.ts).
import { fail, redirect, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import { DomainError, Invalid, NotFound, Unauthenticated, type FieldIssue } from '$core/errors';
import type { Locale } from '$core/i18n';
import { fieldErrors } from '$core/i18n/field-errors';
import { readForm } from './form-body';
import { isThrottled, throttledFailure, throttledPage } from './throttled';
import { formFailure, formFields, pageError, problemResponse, type FormErrors } from './problem';

type Event = Pick<RequestEvent, 'locals' | 'url' | 'request' | 'setHeaders'>;

/** The sign-in page, coming back here afterwards; a session that ran out says so. */
function signIn(event: Event): never {
	const expired = event.locals.sessionExpired ? '&expired' : '';
	redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}${expired}`);
}

/**
 * A load function: NotFound → 404, Forbidden → 403, too many tries → 429 with Retry-After, other core errors → their
 * status, each as the error page with a translated message; Unauthenticated (a session that ran out) → the sign-in page.
 */
export function pageLoad<E extends Event, R>(work: (event: E) => Promise<R> | R): (event: E) => Promise<R> {
	return async (event) => {
		try {
			return await work(event);
		} catch (err) {
			if (err instanceof Unauthenticated) signIn(event);
			if (isThrottled(err)) throttledPage(event, err);
			pageError(err, event.locals.locale);
		}
	};
}

/**
 * An action whose refusals core gives back as outcomes (the report form) or that the route answers itself: a core
 * error left over is the error page, as in a load, not a failure next to the form.
 */
export const pageAction = pageLoad;

export type FormActionOptions<X extends object = object> = {
	/** Which form of the page it was, kept as `values.form` so the page shows the failure next to that form. */
	form?: string;
	/** The values to give back to the form; by default every text field except passwords. */
	values?: (form: Record<string, unknown>) => Record<string, unknown> | undefined;
	/** Where on the page the failure belongs (the admin pages: `scope`); may depend on the form. */
	scope?: string | ((form: Record<string, unknown>) => string);
	/** What the page needs beyond the usual failure (field names of its own, how many photos were chosen). */
	shape?: (data: FormErrors, form: Record<string, unknown>, body: FormData) => FormErrors & X;
	/** A refusal the page answers in its own way (a mailed link that no longer works), asked first; null for the rest. */
	refusal?: (err: unknown, form: Record<string, unknown>, locale: Locale) => ActionFailure<Record<string, unknown>> | null;
	/** Too many tries: 'form' (the default) shows the wait next to the form; 'page' answers with the 429 page. */
	throttled?: 'form' | 'page';
};

const SECRET_FIELD = /password|secret/i;

/**
 * A form action: the wrapper reads the form (through readForm, the one way) and hands the work its text fields and
 * the FormData (for files). A core error becomes fail(status, { errors, message, values }): Invalid → 400 with the
 * field messages translated, Conflict and the others → the error's own message, the form's values kept.
 */
export function formAction<E extends Event, R, X extends object = object>(
	work: (event: E, form: Record<string, unknown>, data: FormData) => Promise<R> | R,
	options: FormActionOptions<X> = {}
): (event: E) => Promise<R | ActionFailure<FormErrors & { scope?: string } & Partial<X>>> {
	return async (event) => {
		const data = await readForm(event.request);
		const form = formFields(data);
		try {
			return await work(event, form, data);
		} catch (err) {
			const kept = options.values ? options.values(form) : Object.fromEntries(Object.entries(form).filter(([k]) => !SECRET_FIELD.test(k)));
			const values = options.form ? { ...kept, form: options.form } : kept;
			if (options.throttled === 'page' && isThrottled(err)) throttledPage(event, err);
			const refused = options.refusal?.(err, form, event.locals.locale) ?? throttledFailure(event, err, values);
			if (refused) return refused as ActionFailure<never>;
			const failure = formFailure(err, event.locals.locale, values);
			const shaped: FormErrors & { scope?: string } & Partial<X> = options.shape
				? options.shape(failure.data, form, data)
				: (failure.data as FormErrors & Partial<X>);
			if (options.scope !== undefined) shaped.scope = typeof options.scope === 'string' ? options.scope : options.scope(form);
			return fail(failure.status, shaped);
		}
	};
}

/**
 * An endpoint that answers with a file (CSV, XLSX, PDF, a photo). `as: 'problem'` (the default): a core error is an
 * RFC 9457 problem document, for downloads a script may fetch; `as: 'page'`: the error page, for what a browser opens
 * (a photo on a staff page); `as: 'not-found'`: every core error is a 404, for what hangs behind a secret link (it
 * says nothing about whether the link ran out or never was).
 */
export function fileEndpoint<E extends Event>(
	work: (event: E) => Promise<Response>,
	options: { as?: 'problem' | 'page' | 'not-found' } = {}
): (event: E) => Promise<Response> {
	return async (event) => {
		try {
			return await work(event);
		} catch (err) {
			if (options.as === 'not-found' && err instanceof DomainError) pageError(new NotFound('file', ''), event.locals.locale);
			if (options.as === 'page' || options.as === 'not-found') pageError(err, event.locals.locale);
			return problemResponse(err, event.locals.locale, event.url.pathname);
		}
	};
}

/**
 * Filters in a page's query string: an Invalid filter is shown next to its field on the page (with the fallback
 * result), not as an error page. Any other error goes on to the load's wrapper.
 */
export async function withFilterErrors<R>(locale: Locale, work: () => Promise<R>, fallback: R): Promise<{ result: R; errors: Record<string, string> }> {
	try {
		return { result: await work(), errors: {} };
	} catch (err) {
		if (!(err instanceof Invalid)) throw err;
		return { result: fallback, errors: fieldErrors(locale, err.issues) };
	}
}

/**
 * A refusal the route answers in its own way (a refused draft kept on the page as edited, a post for a download sent
 * back to its page): `answer` gets each core error and gives the answer, or undefined to leave the error to the
 * route's wrapper. Anything that is no core error goes on as it is.
 */
export async function answerRefusal<R, F>(work: () => Promise<R>, answer: (err: DomainError) => F | undefined): Promise<R | Exclude<F, undefined>> {
	try {
		return await work();
	} catch (err) {
		const answered = err instanceof DomainError ? answer(err) : undefined;
		if (answered === undefined) throw err;
		return answered as Exclude<F, undefined>;
	}
}

/**
 * A refusal the page shows as a state of its own (a secret link that is unknown, ran out or was revoked; a code that
 * matches nothing), by the core error's code; any other error goes on to the load's wrapper.
 */
export function unlessRefused<R, F>(work: () => Promise<R>, codes: readonly string[], refused: (code: string) => F): Promise<R | Exclude<F, undefined>> {
	return answerRefusal(work, (err) => (codes.includes(err.code) ? refused(err.code) : undefined));
}

/** The issues of an Invalid (each field's problem), for a route that shows them in its own way; undefined for another error. */
export const invalidIssues = (err: unknown): FieldIssue[] | undefined => (err instanceof Invalid ? err.issues : undefined);

/** The issue about one field when the error is an Invalid (for a page that words that field's problem its own way). */
export const invalidField = (err: unknown, path: string): FieldIssue | undefined => invalidIssues(err)?.find((i) => i.path === path);
