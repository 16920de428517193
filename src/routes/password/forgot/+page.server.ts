import { requestPasswordReset } from '$core/auth';
import { readForm } from '$lib/server/form-body';
import { formFailure } from '$lib/server/problem';
import { throttledFailure } from '$lib/server/throttled';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async (event) => {
		const { request, locals } = event;
		const form = await readForm(request);
		const email = String(form.get('email') ?? '');
		try {
			await requestPasswordReset(locals.core.db, locals.actor, { email, baseUrl: locals.core.config.origin }, { clientAddress: event.getClientAddress() });
		} catch (err) {
			return throttledFailure(event, err, { email }) ?? formFailure(err, locals.locale, { email });
		}
		// The same answer whether or not the address has an account.
		return { sent: true };
	}
};
