// What a deletion asks before it happens (issue 12, point 8). One question per kind of deletion, built here from the
// `confirm` messages, so ConfirmForm's dialog (with JavaScript) and the confirmation page the server answers with
// (without, src/lib/server/confirmation.ts) say the same words. Keys: confirm.<kind>_title, confirm.<kind> (or
// confirm.<kind>_one/_other when a count is given), confirm.yes_<verb>, confirm.no.
import { plural, translate, type Locale, type Params } from '$core/i18n';

export type Verb = 'delete' | 'remove' | 'withdraw' | 'revoke' | 'void';
/** A question to ask: which kind of deletion, the names in it, and the verb of the "yes" button. */
export type Ask = { kind: string; params?: Params; count?: number; verb?: Verb };
export type AskText = { title: string; question: string; yes: string; no: string };

/** The page the server shows instead of deleting (root layout): the question, and the same post again with confirm=yes. */
export type Confirmation = AskText & {
	/** The action to post to, e.g. "?/deleteRule". */
	action: string;
	/** The form's own fields, to post again (confirm left out). */
	fields: Array<[string, string]>;
	/** Where "No, back" goes: the page the form was on. */
	back: string;
};

export function askText(locale: Locale, ask: Ask): AskText {
	return {
		title: translate(locale, `confirm.${ask.kind}_title`, ask.params),
		question: ask.count === undefined ? translate(locale, `confirm.${ask.kind}`, ask.params) : plural(locale, `confirm.${ask.kind}`, ask.count, ask.params),
		yes: translate(locale, `confirm.yes_${ask.verb ?? 'delete'}`),
		no: translate(locale, 'confirm.no')
	};
}
