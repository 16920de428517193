// A community worker meets a tenant who cannot pay the energy bill. The help request stays with neighbourhood work
// until the tenant agrees that the OCMW may know; then the worker refers it, the OCMW accepts and takes it on with
// its own deadline, and the worker hears the outcome. A declined referral says why.
import { expect, it } from 'vitest';
import { Forbidden, Invalid, Conflict } from '../../errors';
import { describeOnDatabases } from '../../db/testing';
import { buildPeopleWorld, buildStaff } from '../../people/factories';
import { createResident } from '../../people/residents';
import { recordConsent } from '../../people/consents';
import { createCategory, ensureGeneralCategories, setRoutingRule } from '../routing/categories';
import { deadlineFor } from '../handling/deadlines';
import { incomingReferrals, outgoingReferrals, referSignal, respondToReferral, withdrawReferral } from './referrals';
import { getSignal, inbox, registerSignal } from '..';

const baseUrl = 'https://leefbaar.test';
type Mail = { to: string; subject: string; text: string };
type Db = Parameters<typeof inbox>[0];
const mails = async (db: Db) => (await db.selectFrom('outbox').select('payload').orderBy('id').execute()).map((r) => r.payload as Mail);
/** The mails to one person: each story's cast is new, so these are the mails of that story alone. */
const mailsTo = async (db: Db, to: string) => (await mails(db)).filter((m) => m.to === to);

/** Category keys are unique in the installation; each story makes its own. */
let keys = 0;
const uniqueKey = (base: string) => `${base}_${++keys}`;

/**
 * The start of the story, for a cast of its own: the OCMW answers energy questions within 3 working days, and the
 * worker registers Fatima's help request at a house visit without her consent yet.
 */
async function helpRequestWithoutConsent(db: Db) {
	const world = await buildPeopleWorld(db);
	await ensureGeneralCategories(db);
	const help = await createCategory(db, world.coordinator, { key: uniqueKey('energy_bill'), kind: 'help', name: 'Energiefactuur', isActive: true });
	await setRoutingRule(db, world.coordinator, { categoryId: help.id, organisationId: world.ocmw.id, deadlineDays: 3 });
	const resident = await createResident(db, world.worker, {
		firstName: 'Fatima',
		lastName: 'Bouzid',
		language: 'nl',
		contactChannel: 'phone',
		phone: '0470 12 34 56'
	});
	const created = await registerSignal(
		db,
		world.worker,
		{
			kind: 'help',
			categoryId: help.id,
			description: 'Kan de energiefactuur niet betalen',
			residentId: resident.id,
			channel: 'house_visit',
			areaId: world.area.id
		},
		{ baseUrl }
	);
	return { world, residentId: resident.id, signalId: created.id, created };
}

/** Fatima agreed, and the worker referred her request to the OCMW. */
async function referredToOcmw(db: Db, now = new Date()) {
	const story = await helpRequestWithoutConsent(db);
	const { world, residentId, signalId } = story;
	await recordConsent(db, world.worker, { residentId, organisationId: world.ocmw.id, scope: 'help_request', purpose: 'Doorverwijzing energiefactuur' });
	const referral = await referSignal(
		db,
		world.worker,
		signalId,
		{ toOrganisationId: world.ocmw.id, note: 'Graag contact opnemen over de factuur' },
		{ baseUrl, now }
	);
	return { ...story, referral };
}

describeOnDatabases('referrals between partners', (ctx) => {
	it('a help request registered without consent stays with neighbourhood work', async () => {
		const { world, created } = await helpRequestWithoutConsent(ctx.db);
		expect(created.organisationId).toBe(world.institute.id);
	});

	it('the worker cannot refer it to the OCMW before the tenant agreed', async () => {
		const { world, signalId } = await helpRequestWithoutConsent(ctx.db);
		const attempt = referSignal(
			ctx.db,
			world.worker,
			signalId,
			{ toOrganisationId: world.ocmw.id, note: 'Graag contact opnemen over de factuur' },
			{ baseUrl }
		);
		await expect(attempt).rejects.toThrow(Invalid);
		await expect(attempt).rejects.toMatchObject({ code: 'consent_required', issues: [{ path: 'toOrganisationId', code: 'consent_required' }] });
		// Someone of another organisation may not refer it at all.
		await expect(referSignal(ctx.db, world.landlord, signalId, { toOrganisationId: world.ocmw.id, note: 'x' }, { baseUrl })).rejects.toThrow(Forbidden);
		expect(await ctx.db.selectFrom('referrals').selectAll().where('signal_id', '=', signalId).execute()).toEqual([]);
		// The OCMW sees nothing of it yet.
		await expect(getSignal(ctx.db, world.ocmwWorker, signalId)).rejects.toThrow(Forbidden);
	});

	it('with consent recorded the worker refers it; the OCMW gets a mail and sees it with the deadline of its own rule', async () => {
		const { world, residentId, signalId } = await helpRequestWithoutConsent(ctx.db);
		await recordConsent(ctx.db, world.worker, { residentId, organisationId: world.ocmw.id, scope: 'help_request', purpose: 'Doorverwijzing energiefactuur' });
		const now = new Date();
		const referral = await referSignal(
			ctx.db,
			world.worker,
			signalId,
			{ toOrganisationId: world.ocmw.id, note: 'Graag contact opnemen over de factuur' },
			{ baseUrl, now }
		);
		expect(referral.deadline_at).toBe(deadlineFor(now, 3).toISOString());
		expect(referral.consent_id).not.toBeNull();
		await expect(referSignal(ctx.db, world.worker, signalId, { toOrganisationId: world.ocmw.id, note: 'nog eens' }, { baseUrl })).rejects.toThrow(Conflict);

		const toOcmw = await mailsTo(ctx.db, world.ocmwWorker.email);
		expect(toOcmw.map((m) => m.subject)).toEqual([expect.stringContaining('Doorverwijzing')]);
		expect(toOcmw[0].text).toContain('Graag contact opnemen over de factuur');
		expect(toOcmw[0].text).toContain(`${baseUrl}/staff/referrals`);

		const incoming = await incomingReferrals(ctx.db, world.ocmwWorker, now);
		expect(incoming.map((r) => [r.signalId, r.status, r.fromOrganisationName, r.isHelpRequest])).toEqual([[signalId, 'pending', world.institute.name, true]]);
		expect(await incomingReferrals(ctx.db, world.landlord, now)).toEqual([]);
		// While the referral waits, the OCMW may read the help request.
		expect((await getSignal(ctx.db, world.ocmwWorker, signalId)).signal?.description).toContain('energiefactuur');
	});

	it('only the OCMW answers; a decline needs a reason', async () => {
		const { world, referral } = await referredToOcmw(ctx.db);
		const [r] = await incomingReferrals(ctx.db, world.ocmwWorker);
		expect(r.id).toBe(referral.id);
		await expect(respondToReferral(ctx.db, world.worker, r.id, { accept: true }, { baseUrl })).rejects.toThrow(Forbidden);
		await expect(respondToReferral(ctx.db, world.ocmwWorker, r.id, { accept: false }, { baseUrl })).rejects.toMatchObject({
			issues: [{ path: 'reason', code: 'decline_reason_required' }]
		});
		expect((await incomingReferrals(ctx.db, world.ocmwWorker)).map((i) => [i.id, i.status])).toEqual([[referral.id, 'pending']]);
	});

	it('the OCMW accepts: it becomes responsible with the referral deadline, and the worker sees "accepted"', async () => {
		const { world, signalId } = await referredToOcmw(ctx.db);
		const [r] = await incomingReferrals(ctx.db, world.ocmwWorker);
		await respondToReferral(ctx.db, world.ocmwWorker, r.id, { accept: true }, { baseUrl });
		const view = await getSignal(ctx.db, world.ocmwWorker, signalId);
		expect(view.signal).toMatchObject({ organisation_id: world.ocmw.id, deadline_at: r.deadlineAt, assignee_id: null });
		expect(view.timeline.filter((e) => e.kind === 'referral').map((e) => (e.data as { status: string }).status)).toEqual(['pending', 'accepted']);
		expect((await inbox(ctx.db, world.ocmwWorker)).items.map((i) => i.id)).toContain(signalId);

		const out = await outgoingReferrals(ctx.db, world.worker);
		expect(out.map((o) => [o.toOrganisationName, o.status])).toEqual([[world.ocmw.name, 'accepted']]);
		const toWorker = await mailsTo(ctx.db, world.worker.email);
		expect(toWorker.map((m) => m.subject)).toEqual([expect.stringContaining('aanvaard')]);
		// Answering twice is refused; the answer stands.
		await expect(respondToReferral(ctx.db, world.ocmwWorker, r.id, { accept: false, reason: 'toch niet' }, { baseUrl })).rejects.toMatchObject({
			code: 'referral_not_pending'
		});
		const audit = await ctx.db
			.selectFrom('audit_log')
			.select('action')
			.where('resource_id', '=', signalId)
			.where('action', 'like', 'referral_%')
			.orderBy('id')
			.execute();
		expect(audit.map((a) => a.action)).toEqual(['referral_create', 'referral_accept']);
	});

	it('an ordinary signal referred to the housing company is declined with a reason the worker reads', async () => {
		const world = await buildPeopleWorld(ctx.db);
		await ensureGeneralCategories(ctx.db);
		const lamp = await registerSignal(
			ctx.db,
			world.worker,
			{ kind: 'common_spaces', description: 'Lamp in de traphal is stuk', estateId: world.estate.id, channel: 'street' },
			{ baseUrl }
		);
		// Unrouted (no rule for the general category): the worker's own organisation refers it.
		await ctx.db.updateTable('signals').set({ organisation_id: world.institute.id }).where('id', '=', lamp.id).execute();
		const referral = await referSignal(
			ctx.db,
			world.worker,
			lamp.id,
			{ toOrganisationId: world.shm.id, note: 'Voor jullie techniekers', deadlineDays: 2 },
			{ baseUrl }
		);
		await respondToReferral(ctx.db, world.landlord, referral.id, { accept: false, reason: 'Deze traphal is van de gemeente' }, { baseUrl });
		const signal = await ctx.db.selectFrom('signals').select(['organisation_id']).where('id', '=', lamp.id).executeTakeFirstOrThrow();
		expect(signal.organisation_id).toBe(world.institute.id);
		const out = await outgoingReferrals(ctx.db, world.worker);
		expect(out.find((o) => o.id === referral.id)).toMatchObject({ status: 'declined', response: 'Deze traphal is van de gemeente' });
		const declined = (await mailsTo(ctx.db, world.worker.email)).filter((m) => m.subject.includes('geweigerd'));
		expect(declined[0].text).toContain('Deze traphal is van de gemeente');
	});

	it('a referral to a team mails its members; the referrer can withdraw it while it waits', async () => {
		const world = await buildPeopleWorld(ctx.db);
		await ensureGeneralCategories(ctx.db);
		const team = (await ctx.db.selectFrom('teams').select('id').where('organisation_id', '=', world.shm.id).executeTakeFirst()) ?? { id: 'none' };
		expect(team.id).toBe('none'); // no teams yet: build one with a member
		const teamId = (await import('../../db/ids')).newId();
		await ctx.db.insertInto('teams').values({ id: teamId, organisation_id: world.shm.id, name: 'Techniek', created_at: new Date().toISOString() }).execute();
		const tech = await buildStaff(ctx.db, 'partner_staff', world.shm, 'Tom Techniek');
		await ctx.db.insertInto('team_members').values({ team_id: teamId, user_id: tech.id }).execute();
		const bench = await registerSignal(
			ctx.db,
			world.worker,
			{ kind: 'common_spaces', description: 'Bank in de tuin is kapot', estateId: world.estate.id, channel: 'street' },
			{ baseUrl }
		);
		await ctx.db.updateTable('signals').set({ organisation_id: world.institute.id }).where('id', '=', bench.id).execute();
		const before = (await mails(ctx.db)).length;
		const referral = await referSignal(
			ctx.db,
			world.worker,
			bench.id,
			{ toOrganisationId: world.shm.id, toTeamId: teamId, note: 'Bank herstellen' },
			{ baseUrl }
		);
		expect((await mails(ctx.db)).slice(before).map((m) => m.to)).toEqual([tech.email]);
		await expect(
			referSignal(ctx.db, world.worker, bench.id, { toOrganisationId: world.ocmw.id, toTeamId: teamId, note: 'x' }, { baseUrl })
		).rejects.toMatchObject({ issues: [{ code: 'team_not_in_organisation' }] });
		await expect(withdrawReferral(ctx.db, world.landlord, referral.id)).rejects.toThrow(Forbidden);
		await withdrawReferral(ctx.db, world.worker, referral.id);
		expect((await incomingReferrals(ctx.db, tech)).find((r) => r.id === referral.id)?.status).toBe('withdrawn');
		await expect(respondToReferral(ctx.db, tech, referral.id, { accept: true }, { baseUrl })).rejects.toMatchObject({ code: 'referral_not_pending' });
	});
});
