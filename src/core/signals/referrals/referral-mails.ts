// The mails of referrals, partner links, the "is it solved?" answer and residents' replies that staff receive, in the reader's language.
// Texts live in messages/*/referrals.json; the mails to residents and the referral request itself are in mails.ts.
import { DEFAULT_LOCALE, isLocale, translate, type Locale } from '../../i18n';
import type { Mail } from '../../mail';

type P = Record<string, string | number>;
const localeOf = (value: string | null | undefined): Locale => (isLocale(value) ? value : DEFAULT_LOCALE);
const tr = (locale: string, key: string, params?: P) => translate(localeOf(locale), `referrals.${key}`, params);

function compose(locale: string, to: string, subjectKey: string, params: P, paragraphs: Array<string | null | undefined | false>): Mail {
	return {
		to,
		subject: tr(locale, subjectKey, params),
		text: [...paragraphs.filter((p): p is string => !!p), translate(localeOf(locale), 'signals.mail_sign_off')].join('\n\n') + '\n'
	};
}

/** To the worker who referred: the receiver accepted or declined (with the reason). */
export function referralOutcomeMail(p: {
	to: string;
	locale: string;
	name: string;
	reference: string;
	receiver: string;
	accepted: boolean;
	reason?: string | null;
	link: string;
}): Mail {
	const key = p.accepted ? 'mail_accepted' : 'mail_declined';
	return compose(p.locale, p.to, `${key}_subject`, { reference: p.reference, receiver: p.receiver }, [
		translate(localeOf(p.locale), 'signals.mail_hello_name', { name: p.name }),
		tr(p.locale, `${key}_intro`, { reference: p.reference, receiver: p.receiver }),
		p.reason ? `${tr(p.locale, 'mail_reason')}\n${p.reason}` : null,
		p.link
	]);
}

/** To the receiving organisation: a referral waits past its deadline for an answer. */
export function referralOverdueMail(p: { to: string; locale: string; name: string; reference: string; from: string; deadline: string; link: string }): Mail {
	return compose(p.locale, p.to, 'mail_referral_overdue_subject', { reference: p.reference }, [
		translate(localeOf(p.locale), 'signals.mail_hello_name', { name: p.name }),
		tr(p.locale, 'mail_referral_overdue_intro', { reference: p.reference, from: p.from, deadline: p.deadline }),
		p.link
	]);
}

/** To who handles the signal: a partner answered through their link. */
export function partnerAnswerMail(p: {
	to: string;
	locale: string;
	name: string;
	reference: string;
	label: string;
	message: string;
	done: boolean;
	link: string;
}): Mail {
	return compose(p.locale, p.to, 'mail_partner_answer_subject', { reference: p.reference, label: p.label }, [
		translate(localeOf(p.locale), 'signals.mail_hello_name', { name: p.name }),
		tr(p.locale, p.done ? 'mail_partner_answer_done' : 'mail_partner_answer_intro', { reference: p.reference, label: p.label }),
		p.message,
		p.link
	]);
}

/** To who handles the signal: the resident says it is not solved, so it is open again. */
export function reopenedMail(p: { to: string; locale: string; name: string; reference: string; comment?: string | null; link: string }): Mail {
	return compose(p.locale, p.to, 'mail_reopened_subject', { reference: p.reference }, [
		translate(localeOf(p.locale), 'signals.mail_hello_name', { name: p.name }),
		tr(p.locale, 'mail_reopened_intro', { reference: p.reference }),
		p.comment ? `${tr(p.locale, 'mail_resident_comment')}\n${p.comment}` : null,
		p.link
	]);
}

/** To who handles the signal: the reporter (or a neighbour who said "me too") wrote on their tracking page. */
export function replyMail(p: {
	to: string;
	locale: string;
	name: string;
	reference: string;
	message: string;
	joined: boolean;
	withPhoto: boolean;
	link: string;
}): Mail {
	return compose(p.locale, p.to, 'mail_reply_subject', { reference: p.reference }, [
		translate(localeOf(p.locale), 'signals.mail_hello_name', { name: p.name }),
		tr(p.locale, p.joined ? 'mail_reply_intro_joined' : 'mail_reply_intro', { reference: p.reference }),
		p.message,
		p.withPhoto ? tr(p.locale, 'mail_reply_photo') : null,
		`${tr(p.locale, 'mail_reply_answer')}\n${p.link}`
	]);
}
