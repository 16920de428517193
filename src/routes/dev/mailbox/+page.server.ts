// The dev mailbox: mails written as files when no SMTP server is configured, for trying the demo. It exists only with
// the demo data on and without SMTP_URL (a real installation's mails leave the building). The secret in a link
// (password reset, invitation, tracking, partner, "solved?", household code) shows only in mails to the signed-in
// admin: another person's live token would let whoever reads this page act as them.
import { error } from '@sveltejs/kit';
import { translate } from '$core/i18n';
import { maskSecretLinks, readFileMailbox } from '$core/mail';
import { readForm } from '$lib/server/form-body';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

function ensureDemoMailbox({ locals }: Pick<RequestEvent, 'locals'>): void {
	if (locals.core.config.smtpUrl || !locals.core.config.demoData) error(404, { message: translate(locals.locale, 'common.error_not_found') });
}

export const load: PageServerLoad = async (event) => {
	ensureDemoMailbox(event);
	const { locals, setHeaders } = event;
	setHeaders({ 'cache-control': 'no-store' });
	const me = locals.actor.kind === 'staff' ? locals.actor.email.toLowerCase() : null;
	const mails = readFileMailbox(locals.core.outboxDir).map((mail) => {
		const addresses: string[] = mail.to.toLowerCase().match(/[^\s<>,"]+@[^\s<>,"]+/g) ?? [];
		const mine = !!me && addresses.includes(me);
		return { ...mail, text: mine ? mail.text : maskSecretLinks(mail.text), masked: !mine };
	});
	return { mails, outboxDir: locals.core.outboxDir };
};

export const actions: Actions = {
	/** Delivers what waits in the outbox now, instead of at the next sweep. */
	flush: async (event) => {
		ensureDemoMailbox(event);
		await readForm(event.request); // a button without fields: still only a well-formed post acts
		return { flushed: await event.locals.core.flushOutbox() };
	}
};
