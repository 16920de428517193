// The translating functions over a way to look a key up: every catalogue on the server (./index.ts), what the page
// was sent in the browser (./client.ts). A message missing in a language falls back to Dutch, then to the key.
import { DEFAULT_LOCALE, htmlLang, type Locale } from './locales';

export type Params = Record<string, string | number>;
export type Translator = (key: string, params?: Params) => string;

export function translations(lookup: (locale: Locale, key: string) => string | undefined) {
	function translate(locale: Locale, key: string, params?: Params): string {
		const message = lookup(locale, key) ?? lookup(DEFAULT_LOCALE, key) ?? key;
		if (!params) return message;
		return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
	}
	const has = (locale: Locale, key: string): boolean => lookup(locale, key) !== undefined;
	const translator =
		(locale: Locale): Translator =>
		(key, params) =>
			translate(locale, key, params);
	/**
	 * A message with a number in it, in the language's plural form: `<key>_one`, `<key>_other` (and `_zero`, `_few`,
	 * `_many` where a language has them) by Intl.PluralRules, `_other` when the form is missing; {count} is filled in.
	 * "1 melding", "2 meldingen"; "0 signalement" in French, where 0 is singular.
	 */
	function plural(locale: Locale, key: string, count: number, params?: Params): string {
		const form = `${key}_${pluralRules(locale).select(count)}`;
		const known = lookup(locale, form) !== undefined || lookup(DEFAULT_LOCALE, form) !== undefined;
		return translate(locale, known ? form : `${key}_other`, { count, ...params });
	}
	return { translate, has, translator, plural };
}

const rulesByLocale = new Map<Locale, Intl.PluralRules>();
function pluralRules(locale: Locale): Intl.PluralRules {
	let rules = rulesByLocale.get(locale);
	if (!rules) rulesByLocale.set(locale, (rules = new Intl.PluralRules(htmlLang(locale))));
	return rules;
}
