// The audit log's summary is a note the code writes once, in English, and keeps unchanged (ids and field names, never
// personal data). Shown to a coordinator it reads as words: a stored code such as "common_spaces" as "common spaces",
// a stored date or time in the reader's language and Brussels time.
import type { Locale } from '$core/i18n';
import { formatDateTime, formatDay } from './dates';

const TIMESTAMP = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})\b/g;
const DAY = /\b\d{4}-\d{2}-\d{2}\b/g;
const SNAKE = /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g;

export function readableSummary(summary: string, locale: Locale): string {
	return summary
		.replace(TIMESTAMP, (iso) => formatDateTime(iso, locale))
		.replace(DAY, (day) => formatDay(day, locale))
		.replace(SNAKE, (code) => code.replaceAll('_', ' '));
}
