// A sign-in, reset mail or link try refused by a throttle (core/auth/throttle.ts) becomes a 429 with Retry-After and
// a sentence saying what happened and how long to wait, in the visitor's language, on the page they were on; a mailed
// link that cannot be used becomes the page's own answer.
import { error, fail, type ActionFailure } from '@sveltejs/kit';
import { Throttled, TokenRejected } from '$core/auth';
import { translate, type Locale } from '$core/i18n';
import type { FormErrors } from './problem';

/** "4 seconds", "1 minute", "15 minutes": under two minutes in seconds, else in whole minutes rounded up. */
export function waitText(locale: Locale, seconds: number): string {
	if (seconds < 120) return seconds === 1 ? translate(locale, 'auth.wait_second') : translate(locale, 'auth.wait_seconds', { seconds });
	const minutes = Math.ceil(seconds / 60);
	return minutes === 1 ? translate(locale, 'auth.wait_minute') : translate(locale, 'auth.wait_minutes', { minutes });
}

/** What to tell, by what was refused (the form) and why (a short wait, or a pause of the account or the address). */
export function throttledMessage(locale: Locale, err: Throttled): string {
	const wait = waitText(locale, err.retryAfter);
	switch (err.rule.name) {
		case 'sign-in:account':
		case 'sign-in:address':
			if (err.reason === 'wait') return translate(locale, 'auth.throttle_wait', { wait });
			return translate(locale, err.rule.scope === 'account' ? 'auth.throttle_account_blocked' : 'auth.throttle_address_blocked', { wait });
		case 'reset-mail:account':
			return translate(locale, 'auth.forgot_limited_account', { wait });
		case 'reset-mail:address':
			return translate(locale, 'auth.forgot_limited_address', { wait });
		default:
			return translate(locale, 'auth.link_tries_limited', { wait });
	}
}

type Answering = { locals: { locale: Locale }; setHeaders: (headers: Record<string, string>) => void };

/** For form actions: a refusal becomes fail(429) with the message (the form keeps what was typed); else null. */
export function throttledFailure(event: Answering, err: unknown, values?: Record<string, unknown>): ActionFailure<FormErrors> | null {
	if (!(err instanceof Throttled)) return null;
	event.setHeaders({ 'retry-after': String(err.retryAfter) });
	return fail(429, { errors: {}, message: throttledMessage(event.locals.locale, err), values });
}

/** A mailed link that was used, ran out or never existed: the page swaps the form for what to do now; else null. */
export function linkRefusal(err: unknown): ActionFailure<{ problem: TokenRejected['reason'] }> | null {
	return err instanceof TokenRejected ? fail(err.status, { problem: err.reason }) : null;
}

export const isThrottled = (err: unknown): err is Throttled => err instanceof Throttled;

/**
 * For load functions, and for actions whose page loads what the refused attempt was about (a mailed link): a refusal
 * becomes the error page with 429 and the message; anything else is rethrown.
 */
export function throttledPage(event: Answering, err: unknown): never {
	if (!(err instanceof Throttled)) throw err;
	event.setHeaders({ 'retry-after': String(err.retryAfter) });
	error(429, { message: throttledMessage(event.locals.locale, err), code: 'throttled' });
}
