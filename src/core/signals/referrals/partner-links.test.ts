// The housing company sends a plumber a link: the plumber sees the job and where, never who reported it, answers
// "I come Tuesday" and later "done"; the handler gets each answer. A help request shows a school no one's words.
import { expect, it } from 'vitest';
import { anonymous } from '../../access';
import { describeOnDatabases } from '../../db/testing';
import { Forbidden } from '../../errors';
import { buildPeopleWorld } from '../../people/factories';
import { createCategory, ensureGeneralCategories, setRoutingRule } from '../routing/categories';
import { answerPartnerLink, createPartnerLink, listPartnerLinks, openPartnerLink, revokePartnerLink } from './partner-links';
import { getSignal, reportSignal } from '..';

const baseUrl = 'https://leefbaar.test';
type Mail = { to: string; subject: string; text: string };

type Db = Parameters<typeof getSignal>[0];
const mails = async (db: Db) => (await db.selectFrom('outbox').select('payload').orderBy('id').execute()).map((r) => r.payload as Mail);

/** Category keys and the plumber's address are each story's own, so that what a test reads of them is its own. */
let stories = 0;

/** A cast of its own, and a tenant's leak routed to the housing company (5 working days). */
async function reportedLeak(db: Db) {
	const n = ++stories;
	const world = await buildPeopleWorld(db);
	await ensureGeneralCategories(db);
	const leak = await createCategory(db, world.coordinator, { key: `leak_${n}`, kind: 'home_repair', name: 'Lek', isActive: true });
	await setRoutingRule(db, world.coordinator, { categoryId: leak.id, organisationId: world.shm.id, deadlineDays: 5 });
	const report = await reportSignal(
		db,
		anonymous,
		{
			kind: 'home_repair',
			categoryId: leak.id,
			description: 'Water lekt door het plafond van de badkamer',
			estateId: world.estate.id,
			locationKind: 'address',
			locationText: 'Vlasstraat 12 bus 3',
			name: 'Jan Peeters',
			email: 'jan@example.be',
			phone: '0470 11 22 33'
		},
		{ baseUrl }
	);
	return { world, signalId: report.id, plumberEmail: `Loodgieter.${n}@Example.be` };
}

/** The housing company has mailed the plumber a link to that leak. */
async function leakWithPlumberLink(db: Db) {
	const story = await reportedLeak(db);
	const link = await createPartnerLink(
		db,
		story.world.landlord,
		story.signalId,
		{ label: 'Loodgieter Vandenberghe', email: story.plumberEmail, message: 'Kan je het lek deze week herstellen?', days: 7 },
		{ baseUrl }
	);
	return { ...story, link, token: link.token };
}

describeOnDatabases('one-time links for partners without an account', (ctx) => {
	it('the housing company mails a plumber a link to a leak', async () => {
		const { world, signalId, plumberEmail } = await reportedLeak(ctx.db);
		await expect(createPartnerLink(ctx.db, world.otherLandlord, signalId, { label: 'Loodgieter', message: 'Kijk eens' }, { baseUrl })).rejects.toThrow(
			Forbidden
		);
		const link = await createPartnerLink(
			ctx.db,
			world.landlord,
			signalId,
			{ label: 'Loodgieter Vandenberghe', email: plumberEmail, message: 'Kan je het lek deze week herstellen?', days: 7 },
			{ baseUrl }
		);
		const token = link.token;
		expect(link.url).toBe(`${baseUrl}/partner/${token}`);
		const stored = await ctx.db.selectFrom('partner_links').selectAll().where('id', '=', link.id).executeTakeFirstOrThrow();
		expect(stored.token_hash).not.toContain(token);
		const mail = (await mails(ctx.db)).find((m) => m.to === plumberEmail.toLowerCase());
		expect(mail?.text).toContain(link.url);
	});

	it('the plumber opens the link and sees the job and the place, not who reported it', async () => {
		const { world, link, token } = await leakWithPlumberLink(ctx.db);
		const view = await openPartnerLink(ctx.db, token);
		expect(view).toMatchObject({
			label: 'Loodgieter Vandenberghe',
			categoryName: 'Lek',
			estateName: world.estate.name,
			locationText: 'Vlasstraat 12 bus 3',
			description: 'Water lekt door het plafond van de badkamer',
			canAnswer: true,
			done: false
		});
		expect(view.messages.map((m) => [m.direction, m.body])).toEqual([['to_partner', 'Kan je het lek deze week herstellen?']]);
		const text = JSON.stringify(view);
		for (const secret of ['Jan Peeters', 'jan@example.be', '0470']) expect(text).not.toContain(secret);
		const stored = await ctx.db.selectFrom('partner_links').select('opened_at').where('id', '=', link.id).executeTakeFirstOrThrow();
		expect(stored.opened_at).not.toBeNull();
	});

	it('the plumber answers twice, the second time "done"; then the link takes no more answers', async () => {
		const { world, signalId, token } = await leakWithPlumberLink(ctx.db);
		await answerPartnerLink(ctx.db, token, { message: 'Ik kom dinsdag om 9 uur' }, { baseUrl });
		await answerPartnerLink(ctx.db, token, { message: 'Hersteld: leiding vervangen', done: 'on' }, { baseUrl });
		await expect(answerPartnerLink(ctx.db, token, { message: 'nog iets' }, { baseUrl })).rejects.toMatchObject({ code: 'link_done' });
		await expect(answerPartnerLink(ctx.db, token, { message: '   ' }, { baseUrl })).rejects.toMatchObject({ code: 'invalid_input' });
		const view = await openPartnerLink(ctx.db, token);
		expect(view).toMatchObject({ done: true, canAnswer: false });
		// The housing company sees the answers under the plumber's name, and got them by mail.
		const timeline = (await getSignal(ctx.db, world.landlord, signalId)).timeline.filter((e) => e.kind === 'link');
		expect(timeline.map((e) => [e.actorLabel, e.body])).toEqual([
			[world.landlord.name, 'Kan je het lek deze week herstellen?'],
			['Loodgieter Vandenberghe', 'Ik kom dinsdag om 9 uur'],
			['Loodgieter Vandenberghe', 'Hersteld: leiding vervangen']
		]);
		const toLandlord = (await mails(ctx.db)).filter((m) => m.to === world.landlord.email);
		expect(toLandlord.map((m) => m.subject)).toEqual([
			'Loodgieter Vandenberghe antwoordde op melding ' + view.reference,
			'Loodgieter Vandenberghe antwoordde op melding ' + view.reference
		]);
		expect(toLandlord[1].text).toContain('klaar');
		expect((await listPartnerLinks(ctx.db, world.landlord, signalId)).map((l) => l.state)).toEqual(['done']);
	});

	it('an unknown, expired or revoked link says so clearly', async () => {
		const { world, signalId, token } = await leakWithPlumberLink(ctx.db);
		// The plumber's link is done; a second one for the painter follows.
		await answerPartnerLink(ctx.db, token, { message: 'Hersteld: leiding vervangen', done: 'on' }, { baseUrl });
		await expect(openPartnerLink(ctx.db, 'not-a-real-token')).rejects.toMatchObject({ code: 'token_invalid', status: 404 });
		const short = await createPartnerLink(ctx.db, world.landlord, signalId, { label: 'Schilder', message: 'Plafond schilderen', days: 1 }, { baseUrl });
		await expect(openPartnerLink(ctx.db, short.token, { now: new Date(Date.now() + 2 * 86_400_000) })).rejects.toMatchObject({ code: 'token_expired' });
		await expect(answerPartnerLink(ctx.db, short.token, { message: 'te laat' }, { baseUrl, now: new Date(Date.now() + 2 * 86_400_000) })).rejects.toMatchObject(
			{ code: 'token_expired' }
		);
		await revokePartnerLink(ctx.db, world.landlord, short.id);
		await expect(openPartnerLink(ctx.db, short.token)).rejects.toMatchObject({ code: 'link_revoked' });
		await expect(answerPartnerLink(ctx.db, short.token, { message: 'toch' }, { baseUrl })).rejects.toMatchObject({ code: 'link_revoked' });
		expect((await listPartnerLinks(ctx.db, world.landlord, signalId)).map((l) => [l.label, l.state])).toEqual([
			['Schilder', 'revoked'],
			['Loodgieter Vandenberghe', 'done']
		]);
	});

	it('for a help request the partner sees neither the words nor the category', async () => {
		const world = await buildPeopleWorld(ctx.db);
		await ensureGeneralCategories(ctx.db);
		const help = await reportSignal(
			ctx.db,
			anonymous,
			{ kind: 'help', description: 'Mijn zoon heeft moeite op school en thuis gaat het slecht', estateId: world.estate.id, email: 'ouder@example.be' },
			{ baseUrl }
		);
		await ctx.db.updateTable('signals').set({ organisation_id: world.institute.id }).where('id', '=', help.id).execute();
		const link = await createPartnerLink(
			ctx.db,
			world.worker,
			help.id,
			{ label: 'Basisschool De Vlinder', message: 'Kunnen we samen zitten met de zorgcoördinator?' },
			{ baseUrl }
		);
		const view = await openPartnerLink(ctx.db, link.token);
		expect(view.description).toBeNull();
		expect(view.categoryName).toBeNull();
		expect(JSON.stringify(view)).not.toContain('slecht');
		expect(view.messages.map((m) => m.body)).toEqual(['Kunnen we samen zitten met de zorgcoördinator?']);
	});
});
