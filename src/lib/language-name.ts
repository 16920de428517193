// A language code (nl, fr, ar, tr …) as its name in the reader's language, from the platform's ICU data.
import { htmlLang, type Locale } from '$core/i18n';

export function languageName(code: string, locale: Locale): string {
	try {
		return new Intl.DisplayNames([htmlLang(locale)], { type: 'language' }).of(code) ?? code;
	} catch {
		return code;
	}
}
