// Form failures for the admin pages: a core error becomes translated messages, shown next to the form (`scope`) and
// the field it is about. A duplicate name or email lands on that field, not only at the top of the page.
import { fail, type ActionFailure } from '@sveltejs/kit';
import { Conflict } from '$core/errors';
import type { Locale } from '$core/i18n';
import { formFailure, type FormErrors } from '$lib/server/problem';

export type AdminFormErrors = FormErrors & { scope?: string };

export function adminFailure(err: unknown, locale: Locale, values?: Record<string, unknown>, scope?: string): ActionFailure<AdminFormErrors> {
	const failure = formFailure(err, locale, values);
	const data: AdminFormErrors = { ...failure.data, errors: { ...failure.data.errors }, scope };
	if (err instanceof Conflict && typeof err.params.field === 'string') data.errors[err.params.field] = data.message;
	return fail(failure.status, data);
}

/** A single text field of a form (the rest of the form is parsed by core). */
export const field = (form: Record<string, unknown>, name: string): string => (typeof form[name] === 'string' ? (form[name] as string) : '');
