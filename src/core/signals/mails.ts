// The mails of a signal's life, in the reader's language and in plain words: the reporter's receipt, status news,
// messages from the worker, the "is it solved?" check; for staff a new assignment and an overdue warning.
import { DEFAULT_LOCALE, isLocale, translate, type Locale } from '../i18n';
import type { Mail } from '../mail/outbox';

const localeOf = (value: string | null | undefined): Locale => (isLocale(value) ? value : DEFAULT_LOCALE);
type P = Record<string, string | number>;

function compose(locale: string, to: string, subjectKey: string, params: P, paragraphs: Array<string | null | undefined | false>): Mail {
	const l = localeOf(locale);
	return {
		to,
		subject: translate(l, `signals.${subjectKey}`, params),
		text: [...paragraphs.filter((p): p is string => !!p), translate(l, 'signals.mail_sign_off')].join('\n\n') + '\n'
	};
}
const tr = (locale: string, key: string, params?: P) => translate(localeOf(locale), `signals.${key}`, params);

export function receiptMail(p: { to: string; locale: string; reference: string; link: string }): Mail {
	return compose(p.locale, p.to, 'mail_receipt_subject', { reference: p.reference }, [
		tr(p.locale, 'mail_hello'),
		tr(p.locale, 'mail_receipt_intro', { reference: p.reference }),
		`${tr(p.locale, 'mail_follow_link')}\n${p.link}`,
		tr(p.locale, 'mail_no_reply')
	]);
}

export function statusMail(p: { to: string; locale: string; reference: string; status: string; reason?: string | null; message?: string | null; link: string }): Mail {
	return compose(p.locale, p.to, `mail_status_${p.status}_subject`, { reference: p.reference }, [
		tr(p.locale, 'mail_hello'),
		tr(p.locale, `mail_status_${p.status}_intro`, { reference: p.reference }),
		p.reason ? `${tr(p.locale, 'mail_reason')}\n${p.reason}` : null,
		p.message ? `${tr(p.locale, 'mail_message_from_worker')}\n${p.message}` : null,
		`${tr(p.locale, 'mail_follow_link')}\n${p.link}`,
		tr(p.locale, 'mail_no_reply')
	]);
}

export function messageMail(p: { to: string; locale: string; reference: string; message: string; link: string }): Mail {
	return compose(p.locale, p.to, 'mail_message_subject', { reference: p.reference }, [
		tr(p.locale, 'mail_hello'),
		`${tr(p.locale, 'mail_message_from_worker')}\n${p.message}`,
		`${tr(p.locale, 'mail_follow_link')}\n${p.link}`,
		tr(p.locale, 'mail_no_reply')
	]);
}

export function feedbackMail(p: { to: string; locale: string; reference: string; solvedLink: string; notSolvedLink: string; days: number }): Mail {
	return compose(p.locale, p.to, 'mail_feedback_subject', { reference: p.reference }, [
		tr(p.locale, 'mail_hello'),
		tr(p.locale, 'mail_feedback_intro', { reference: p.reference }),
		`${tr(p.locale, 'mail_feedback_yes')}\n${p.solvedLink}`,
		`${tr(p.locale, 'mail_feedback_no')}\n${p.notSolvedLink}`,
		tr(p.locale, 'mail_feedback_validity', { days: p.days })
	]);
}

export function assignmentMail(p: { to: string; locale: string; name: string; reference: string; category: string; deadline: string | null; link: string }): Mail {
	return compose(p.locale, p.to, 'mail_assigned_subject', { reference: p.reference }, [
		tr(p.locale, 'mail_hello_name', { name: p.name }),
		tr(p.locale, 'mail_assigned_intro', { reference: p.reference, category: p.category }),
		p.deadline ? tr(p.locale, 'mail_deadline', { deadline: p.deadline }) : null,
		p.link
	]);
}

export function overdueMail(p: { to: string; locale: string; name: string; reference: string; category: string; deadline: string; link: string }): Mail {
	return compose(p.locale, p.to, 'mail_overdue_subject', { reference: p.reference }, [
		tr(p.locale, 'mail_hello_name', { name: p.name }),
		tr(p.locale, 'mail_overdue_intro', { reference: p.reference, category: p.category, deadline: p.deadline }),
		p.link
	]);
}

export function referralMail(p: { to: string; locale: string; name: string; reference: string; from: string; note: string; deadline: string | null; link: string }): Mail {
	return compose(p.locale, p.to, 'mail_referral_subject', { reference: p.reference }, [
		tr(p.locale, 'mail_hello_name', { name: p.name }),
		tr(p.locale, 'mail_referral_intro', { reference: p.reference, from: p.from }),
		p.note,
		p.deadline ? tr(p.locale, 'mail_deadline', { deadline: p.deadline }) : null,
		p.link
	]);
}

export function partnerLinkMail(p: { to: string; locale: string; label: string; reference: string; from: string; link: string; days: number }): Mail {
	return compose(p.locale, p.to, 'mail_partner_link_subject', { reference: p.reference }, [
		tr(p.locale, 'mail_hello_name', { name: p.label }),
		tr(p.locale, 'mail_partner_link_intro', { reference: p.reference, from: p.from }),
		p.link,
		tr(p.locale, 'mail_partner_link_validity', { days: p.days })
	]);
}
