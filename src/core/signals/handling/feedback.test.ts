// At resolution the tenant gets "is it solved?". Opening the link changes nothing (mail scanners follow links);
// confirming "no" reopens the signal and tells the housing company; a second click shows the first answer;
// "yes" from everyone closes it; after 14 days the question is closed.
import { beforeAll, expect, it } from 'vitest';
import { NotFound } from '../../errors';
import { anonymous } from '../../access';
import { hashToken } from '../../auth/tokens';
import { describeOnDatabases } from '../../db/testing';
import { buildPeopleWorld } from '../../people/factories';
import { createCategory, ensureGeneralCategories, setRoutingRule } from '../routing/categories';
import { answerFeedback, answerFromLink, feedbackView } from './feedback';
import { changeStatus, getSignal, reportSignal, trackByToken } from '..';

const baseUrl = 'https://leefbaar.test';
type Mail = { to: string; subject: string; text: string };

describeOnDatabases('the "is it solved?" check', (ctx) => {
	let world: Awaited<ReturnType<typeof buildPeopleWorld>>;
	let categoryId: string;
	const mails = async () => (await ctx.db.selectFrom('outbox').select('payload').orderBy('id').execute()).map((r) => r.payload as Mail);

	/** A tenant reports, the housing company resolves; returns the token from the "not solved" link in the mail. */
	async function resolvedSignal(email: string, language = 'nl') {
		const report = await reportSignal(
			ctx.db,
			anonymous,
			{ kind: 'home_repair', categoryId, description: 'De voordeur sluit niet meer', estateId: world.estate.id, email, language: language as 'nl' },
			{ baseUrl }
		);
		await changeStatus(ctx.db, world.landlord, report.id, { status: 'accepted' }, { baseUrl });
		await changeStatus(ctx.db, world.landlord, report.id, { status: 'resolved' }, { baseUrl });
		const theirs = (await mails()).filter((m) => m.to === email);
		const link = theirs.at(-1)!.text.match(/\/opgelost\/([A-Za-z0-9_-]+)\?antwoord=nee/);
		expect(link).not.toBeNull();
		// Each mail carries a fresh tracking link; every one of them works, and so does the thank-you page's.
		const links = theirs.map((m) => m.text.match(/\/volgen\/([A-Za-z0-9_-]+)/)?.[1]).filter((t): t is string => !!t);
		expect(new Set(links).size).toBeGreaterThanOrEqual(3);
		for (const t of [report.trackingToken!, ...links]) expect((await trackByToken(ctx.db, anonymous, t)).status).toBe('resolved');
		await expect(trackByToken(ctx.db, anonymous, `${links[0]}x`)).rejects.toThrow(NotFound);
		return { id: report.id, token: link![1], trackingToken: links.at(-1)! };
	}

	// A housing company that handles doors.
	beforeAll(async () => {
		world = await buildPeopleWorld(ctx.db);
		await ensureGeneralCategories(ctx.db);
		categoryId = (await createCategory(ctx.db, world.coordinator, { key: 'door', kind: 'home_repair', name: 'Deur', isActive: true })).id;
		await setRoutingRule(ctx.db, world.coordinator, { categoryId, organisationId: world.shm.id, deadlineDays: 5 });
	});

	it('reads the answer in a link, whatever its case', () => {
		expect(answerFromLink('nee')).toBe('not_solved');
		expect(answerFromLink('JA')).toBe('solved');
		expect(answerFromLink('misschien')).toBeNull();
	});

	it('looking at the question changes nothing; "not solved" reopens the signal and mails the housing company', async () => {
		const s = await resolvedSignal('huurder@example.be', 'fr');
		const view = await feedbackView(ctx.db, s.token);
		expect(view).toMatchObject({ answer: null, language: 'fr', expired: false });
		expect((await ctx.db.selectFrom('signals').select('status').where('id', '=', s.id).executeTakeFirstOrThrow()).status).toBe('resolved');

		const before = (await mails()).length;
		const answered = await answerFeedback(ctx.db, s.token, { answer: 'not_solved', comment: 'De deur klemt nog altijd' }, { baseUrl });
		expect(answered).toMatchObject({ first: true, reopened: true, answer: 'not_solved' });
		const signal = (await getSignal(ctx.db, world.landlord, s.id)).signal;
		expect(signal).toMatchObject({ status: 'accepted', resolved_at: null });
		const toLandlord = (await mails()).slice(before).filter((m) => m.to === world.landlord.email);
		expect(toLandlord).toHaveLength(1);
		expect(toLandlord[0].text).toContain('De deur klemt nog altijd');
		// The tenant sees on their page that it is open again.
		expect((await trackByToken(ctx.db, anonymous, s.trackingToken)).status).toBe('accepted');

		// A second click (or the "yes" link after all) shows the first answer and changes nothing.
		const again = await answerFeedback(ctx.db, s.token, { answer: 'solved' }, { baseUrl });
		expect(again).toMatchObject({ first: false, answer: 'not_solved', comment: 'De deur klemt nog altijd' });
		expect((await ctx.db.selectFrom('signals').select('status').where('id', '=', s.id).executeTakeFirstOrThrow()).status).toBe('accepted');
		expect((await mails()).length).toBe(before + 1);
	});

	it('"solved" closes the signal when every answer says so', async () => {
		const s = await resolvedSignal('tevreden@example.be');
		await answerFeedback(ctx.db, s.token, { answer: 'solved' }, { baseUrl });
		const signal = await ctx.db.selectFrom('signals').select(['status', 'closed_at']).where('id', '=', s.id).executeTakeFirstOrThrow();
		expect(signal.status).toBe('closed');
		expect(signal.closed_at).not.toBeNull();
	});

	it('after 14 days the question is closed; an unknown link says so', async () => {
		const s = await resolvedSignal('laat@example.be');
		const later = new Date(Date.now() + 15 * 86_400_000);
		expect((await feedbackView(ctx.db, s.token, later)).expired).toBe(true);
		await expect(answerFeedback(ctx.db, s.token, { answer: 'not_solved' }, { baseUrl, now: later })).rejects.toMatchObject({ code: 'token_expired' });
		expect((await ctx.db.selectFrom('signals').select('status').where('id', '=', s.id).executeTakeFirstOrThrow()).status).toBe('resolved');
		await expect(feedbackView(ctx.db, 'nope')).rejects.toMatchObject({ code: 'token_invalid' });
		await expect(answerFeedback(ctx.db, s.token, { answer: 'maybe' as never }, { baseUrl })).rejects.toMatchObject({ code: 'invalid_input' });
		expect(await ctx.db.selectFrom('signal_feedback').select('id').where('token_hash', '=', hashToken(s.token)).executeTakeFirst()).toBeTruthy();
	});
});
