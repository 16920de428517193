// The mails of a signal's life, in the reader's language and in plain words: the reporter's receipt, status news,
// messages from the worker, the "is it solved?" check; for staff a new assignment and the daily digest of what
// became overdue or was escalated.
import { DEFAULT_LOCALE, isLocale, plural, translate, type Locale } from '../i18n';
import type { Mail } from '../mail';

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

export function statusMail(p: {
	to: string;
	locale: string;
	reference: string;
	status: string;
	reason?: string | null;
	message?: string | null;
	link: string;
}): Mail {
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

export function assignmentMail(p: {
	to: string;
	locale: string;
	name: string;
	reference: string;
	category: string;
	deadline: string | null;
	link: string;
}): Mail {
	return compose(p.locale, p.to, 'mail_assigned_subject', { reference: p.reference }, [
		tr(p.locale, 'mail_hello_name', { name: p.name }),
		tr(p.locale, 'mail_assigned_intro', { reference: p.reference, category: p.category }),
		p.deadline ? tr(p.locale, 'mail_deadline', { deadline: p.deadline }) : null,
		p.link
	]);
}

/** One signal in an overdue digest, in the reader's language already. */
export type DigestLine = { reference: string; category: string; deadline: string; link: string; handler?: string | null };

/** To one person, once a day: the signals that became overdue and, for coordinators, those past the second deadline. */
export function overdueDigestMail(p: { to: string; locale: string; name: string; overdue: DigestLine[]; escalated: DigestLine[] }): Mail {
	const l = localeOf(p.locale);
	const line = (d: DigestLine) =>
		[
			`- ${translate(l, 'mail.overdue_digest_line', { reference: d.reference, category: d.category, deadline: d.deadline })}`,
			d.handler ? `  ${translate(l, 'mail.overdue_digest_handled_by', { handler: d.handler })}` : null,
			`  ${d.link}`
		]
			.filter((x): x is string => !!x)
			.join('\n');
	const section = (key: string, lines: DigestLine[]) => (lines.length > 0 ? [plural(l, key, lines.length), ...lines.map(line)].join('\n\n') : null);
	return {
		to: p.to,
		subject: plural(l, 'mail.overdue_digest_subject', p.overdue.length + p.escalated.length),
		text:
			[
				tr(l, 'mail_hello_name', { name: p.name }),
				section('mail.overdue_digest_overdue', p.overdue),
				section('mail.overdue_digest_escalated', p.escalated),
				translate(l, 'mail.overdue_digest_why'),
				tr(l, 'mail_sign_off')
			]
				.filter((x): x is string => !!x)
				.join('\n\n') + '\n'
	};
}

export function referralMail(p: {
	to: string;
	locale: string;
	name: string;
	reference: string;
	from: string;
	note: string;
	deadline: string | null;
	link: string;
}): Mail {
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
