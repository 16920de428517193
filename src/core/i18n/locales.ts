export const LOCALES = ['nl', 'fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'nl';

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

const HTML_LANG: Record<Locale, string> = { nl: 'nl-BE', fr: 'fr-BE', en: 'en' };
export const htmlLang = (locale: Locale): string => HTML_LANG[locale];

/** The first supported language in an Accept-Language header, else Dutch. */
export function negotiateLocale(header: string | null | undefined): Locale {
	if (!header) return DEFAULT_LOCALE;
	const wanted = header
		.split(',')
		.map((part) => {
			const [tag, q] = part.trim().split(';q=');
			return { tag: tag.toLowerCase().slice(0, 2), q: q ? Number(q) : 1 };
		})
		.filter((w) => !Number.isNaN(w.q))
		.sort((a, b) => b.q - a.q);
	return (wanted.find((w) => isLocale(w.tag))?.tag as Locale | undefined) ?? DEFAULT_LOCALE;
}
