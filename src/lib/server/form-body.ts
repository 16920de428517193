// The one way a route reads a posted form. A body that is no readable form — multipart without a boundary, a
// multipart body cut off mid-part, a form type that is no form at all — is the sender's mistake: 400 with the usual
// answer, never a 500. A browser gets SvelteKit's error page; an API client or one that asks for JSON the problem
// document every refusal gets (refuseBadBody in refusals.ts, called by hooks.server.ts); Open311 the spec's error
// list (its endpoint turns any unreadable body into one). src/lib/server/form-body.test.ts fails for a route that
// calls request.formData() itself.
import { error } from '@sveltejs/kit';
import { getRequestEvent } from '$app/server';
import { translate } from '$core/i18n';

export const BAD_BODY = 'bad_body';

export async function readForm(request: Request): Promise<FormData> {
	try {
		return await request.formData();
	} catch {
		const { locals } = getRequestEvent();
		locals.badBody = true;
		error(400, { message: translate(locals.locale, `errors.${BAD_BODY}`), code: BAD_BODY });
	}
}
