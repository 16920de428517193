// The dev mailbox: mails written as files when no SMTP server is configured. With SMTP_URL set there is nothing to
// show (mails leave the building), so the page does not exist.
import { error } from '@sveltejs/kit';
import { translate } from '$core/i18n';
import { readFileMailbox } from '$core/mail/transport';
import { readForm } from '$lib/server/form-body';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, setHeaders }) => {
	if (locals.core.config.smtpUrl) error(404, { message: translate(locals.locale, 'common.error_not_found') });
	setHeaders({ 'cache-control': 'no-store' });
	return { mails: readFileMailbox(locals.core.outboxDir), outboxDir: locals.core.outboxDir };
};

export const actions: Actions = {
	/** Delivers what waits in the outbox now, instead of at the next sweep. */
	flush: async ({ locals, request }) => {
		await readForm(request); // a button without fields: still only a well-formed post acts
		if (locals.core.config.smtpUrl) error(404, { message: translate(locals.locale, 'common.error_not_found') });
		return { flushed: await locals.core.flushOutbox() };
	}
};
