// Mail texts, built from the `mail` messages in the recipient's own language (users.locale), in plain words.
// Plain text only: it reads well in every mail program, and links in it are clickable in all of them.
import { DEFAULT_LOCALE, isLocale, translate, type Locale } from '../i18n';
import type { Mail } from './outbox';

const localeOf = (value: string | null | undefined): Locale => (isLocale(value) ? value : DEFAULT_LOCALE);

function body(locale: Locale, paragraphs: Array<string | null | undefined>): string {
	return [...paragraphs.filter((p): p is string => !!p), translate(locale, 'mail.sign_off')].join('\n\n') + '\n';
}

export type InvitationMailInput = {
	to: string;
	locale: string;
	name: string;
	inviterName: string | null;
	organisationName: string | null;
	role: string;
	link: string;
	days: number;
};

export function invitationMail(p: InvitationMailInput): Mail {
	const l = localeOf(p.locale);
	const t = (key: string, params?: Record<string, string | number>) => translate(l, `mail.${key}`, params);
	const who = p.inviterName ?? t('someone');
	return {
		to: p.to,
		subject: t('invitation_subject'),
		text: body(l, [
			t('greeting', { name: p.name }),
			p.organisationName ? t('invitation_intro_org', { inviter: who, organisation: p.organisationName }) : t('invitation_intro', { inviter: who }),
			t('invitation_role', { role: translate(l, `common.role_${p.role}`) }),
			`${t('invitation_action')}\n${p.link}`,
			t('invitation_validity', { days: p.days }),
			t('invitation_not_expected')
		])
	};
}

export type PasswordResetMailInput = { to: string; locale: string; name: string; link: string; minutes: number };

export function passwordResetMail(p: PasswordResetMailInput): Mail {
	const l = localeOf(p.locale);
	const t = (key: string, params?: Record<string, string | number>) => translate(l, `mail.${key}`, params);
	return {
		to: p.to,
		subject: t('reset_subject'),
		text: body(l, [
			t('greeting', { name: p.name }),
			t('reset_intro'),
			`${t('reset_action')}\n${p.link}`,
			t('reset_validity', { minutes: p.minutes }),
			t('reset_not_expected')
		])
	};
}

export type SignInBlockedMailInput = { to: string; locale: string; name: string; minutes: number; attempts: number };

/**
 * To the account holder, once per block: someone kept trying wrong passwords; a password reset still works. No link:
 * people learn not to follow links in "someone tried your account" mails, and they know where they sign in.
 */
export function signInBlockedMail(p: SignInBlockedMailInput): Mail {
	const l = localeOf(p.locale);
	const t = (key: string, params?: Record<string, string | number>) => translate(l, `mail.${key}`, params);
	return {
		to: p.to,
		subject: t('sign_in_blocked_subject'),
		text: body(l, [
			t('greeting', { name: p.name }),
			t('sign_in_blocked_intro', { attempts: p.attempts }),
			t('sign_in_blocked_pause', { minutes: p.minutes }),
			t('sign_in_blocked_was_you'),
			t('sign_in_blocked_not_you')
		])
	};
}
