// What the two "choose a password" pages (invitation, reset) share: checking the password and its repeat together
// (so both problems show at once), and a clear page when the mailed link cannot be used.
import { fail } from '@sveltejs/kit';
import { Invalid } from '$core/errors';
import { translate, type Locale } from '$core/i18n';
import { fieldMessage } from '$core/i18n/field-errors';
import { password } from '$core/partners/model';

/** Too short, or the second field differs from the first: a form failure naming both fields; else null. */
export function passwordProblems(form: FormData, locale: Locale, values: Record<string, string> = {}) {
	const chosen = String(form.get('password') ?? '');
	const errors: Record<string, string> = {};
	const parsed = password.safeParse(chosen);
	if (!parsed.success) errors.password = fieldMessage(locale, Invalid.fromZod(parsed.error).issues[0]);
	if (chosen !== String(form.get('passwordRepeat') ?? '')) errors.passwordRepeat = translate(locale, 'auth.password_mismatch');
	if (Object.keys(errors).length === 0) return null;
	return fail(400, { errors, message: translate(locale, 'common.form_has_errors'), values });
}
