import { requestPasswordReset } from '$core/auth';
import { formAction } from '$lib/server/handlers';
import type { Actions } from './$types';

export const actions: Actions = {
	default: formAction(
		async (event, form) => {
			const { locals } = event;
			const email = String(form.email ?? '');
			await requestPasswordReset(locals.core.db, locals.actor, { email, baseUrl: locals.core.config.origin }, { clientAddress: event.getClientAddress() });
			// The same answer whether or not the address has an account.
			return { sent: true };
		},
		{ values: (form) => ({ email: String(form.email ?? '') }) }
	)
};
