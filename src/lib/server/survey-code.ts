// A household code from a letter, typed on /enquete or read from the letter's QR code (/enquete/c/<code>): counted
// against the client's limit, checked, and kept with the draft of this device (never in a URL), so the survey opens.
import type { Cookies } from '@sveltejs/kit';
import { Invalid } from '$core/errors';
import type { Actor } from '$core/access';
import type { Core } from '$core/app';
import { checkHouseholdCode, loadDraft, saveDraft } from '$core/surveys';
import { draftCookieName, draftCookieOptions, takeCodeSlot } from './survey-answer';

export type CodeOutcome = { ok: true; slug: string } | { ok: false; limited: true; retryAfter: number } | { ok: false; limited: false; error: Invalid };

/** The path the QR code on a letter points at: the caller puts its origin in front (generateHouseholdCodes' link). */
export const householdCodePath = (code: string): string => `/enquete/c/${encodeURIComponent(code)}`;

export async function useHouseholdCode(
	core: Core,
	actor: Actor,
	input: { code: string; address: string; cookies: Cookies; url: URL; language: string }
): Promise<CodeOutcome> {
	const slot = await takeCodeSlot(core.db, input.address, core.config.intakeRateLimit);
	if (!slot.allowed) return { ok: false, limited: true, retryAfter: slot.retryAfter };
	try {
		const found = await checkHouseholdCode(core.db, actor, input.code);
		const name = draftCookieName(found.surveyId);
		// A draft begun on this device (the open link) keeps its answers and gets the code; without one, a new draft.
		const earlier = await loadDraft(core.db, actor, found.surveyId, input.cookies.get(name));
		const saved = await saveDraft(core.db, actor, {
			surveyId: found.surveyId,
			token: earlier ? input.cookies.get(name) : undefined,
			code: input.code,
			language: earlier?.language ?? input.language,
			answers: earlier?.answers ?? {},
			step: earlier?.step ?? 0
		});
		input.cookies.set(name, saved.token, draftCookieOptions(input.url));
		return { ok: true, slug: found.slug };
	} catch (err) {
		if (err instanceof Invalid) return { ok: false, limited: false, error: err };
		throw err;
	}
}
