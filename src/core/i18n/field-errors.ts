// Turns a field issue from core into a sentence in the user's language.
import type { FieldIssue } from '../errors';
import { has, translate, type Locale } from './index';

export function fieldMessage(locale: Locale, issue: FieldIssue): string {
	const params = Object.fromEntries(Object.entries(issue.params ?? {}).map(([k, v]) => [k, String(v)]));
	if (issue.messageKey && has(locale, issue.messageKey)) return translate(locale, issue.messageKey, params);
	const specific = issue.params?.format ? `errors.${issue.code}_${issue.params.format}` : undefined;
	if (specific && has(locale, specific)) return translate(locale, specific, params);
	if (has(locale, `errors.${issue.code}`)) return translate(locale, `errors.${issue.code}`, params);
	return translate(locale, 'errors.invalid_input');
}

/** Field path → message, the shape forms show next to their fields. */
export function fieldErrors(locale: Locale, issues: FieldIssue[]): Record<string, string> {
	const out: Record<string, string> = {};
	for (const issue of issues) out[issue.path || '_form'] ??= fieldMessage(locale, issue);
	return out;
}
