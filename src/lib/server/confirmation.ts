// Irreversible form actions ask first. A post without confirm=yes changes nothing: the action returns the question,
// and the root layout shows it as a page of its own with "Yes, delete" (the same post again, confirm=yes) and "No,
// back". That is the path without JavaScript; with it, ConfirmForm asked in a dialog already and posts confirm=yes.
import type { RequestEvent } from '@sveltejs/kit';
import { askText, type Ask, type Confirmation } from '$lib/confirmation';

/** Whether the worker said yes to the question: the form carries confirm=yes. */
export function confirmed(form: Record<string, unknown> | FormData): boolean {
	return (form instanceof FormData ? form.get('confirm') : form.confirm) === 'yes';
}

/**
 * The answer of an action that was not confirmed: what the confirmation page needs. `form` is the posted form (all of
 * its fields are posted again); `back` is where "No, back" goes (default: the page the form was on).
 */
export function askFirst(
	event: Pick<RequestEvent, 'url' | 'locals'>,
	form: Record<string, unknown> | FormData,
	ask: Ask,
	back?: string
): { confirmation: Confirmation } {
	const query = [...event.url.searchParams.entries()];
	// SvelteKit names the action in the query: "?/deleteRule" is the key "/deleteRule".
	const action = query.find(([key]) => key.startsWith('/'))?.[0] ?? '';
	const rest = new URLSearchParams(query.filter(([key]) => !key.startsWith('/'))).toString();
	const entries: Array<[string, unknown]> =
		form instanceof FormData
			? [...form.entries()]
			: Object.entries(form).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x] as [string, unknown]) : [[k, v] as [string, unknown]]));
	const fields = entries.filter((e): e is [string, string] => e[0] !== 'confirm' && typeof e[1] === 'string');
	return {
		confirmation: {
			...askText(event.locals.locale, ask),
			// The page's other query (a filter, a page number) stays, as on the form that asked.
			action: `?${rest ? `${rest}&` : ''}${action}`,
			fields,
			back: back ?? (rest ? `${event.url.pathname}?${rest}` : event.url.pathname)
		}
	};
}
