// Sara starts her day on a page that says what waits for her: signals on her name, those past their deadline in her
// team, new ones nobody took yet, a referral from the housing company waiting for the institute's answer, and a
// tenant's "not solved" that reopened a signal. Each number is exactly the list its link opens. A worker of another
// institute counts none of it; the admin, who reads no signals, gets no signal counts at all. And only who handles
// signals can be put on one: not the admin, who would get mails with links she cannot open.
import { beforeEach, expect, it } from 'vitest';
import { anonymous } from '../../access';
import { describeOnDatabases } from '../../db/testing';
import { Invalid, Unauthenticated } from '../../errors';
import { createTeam } from '../../partners/teams';
import { buildArea, buildOrganisation, buildPeopleWorld, buildStaff, reloadReach, worksIn } from '../../people/factories';
import { colleagues } from './assignees';
import { createCategory, ensureGeneralCategories, setRoutingRule } from '../routing/categories';
import { answerFeedback } from './feedback';
import { referSignal } from '../referrals/referrals';
import { assignSignal, assigneesFor, changeStatus, inbox, reportSignal, startPage } from '..';
import { addNote } from './handling';
import { postReply, sayNotSolved } from './replies';
import { localFileStore } from '../../files/storage';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const baseUrl = 'https://leefbaar.test';
type Mail = { to: string; text: string };

describeOnDatabases(
	"a staff member's start page",
	(ctx) => {
		let world: Awaited<ReturnType<typeof buildPeopleWorld>>;
		let stranger: Awaited<ReturnType<typeof buildStaff>>;
		let teamId: string;
		const ids: Record<string, string> = {};

		// The institute's neighbourhood team gets noise, the housing company leaks; a second institute works elsewhere. Each
		// test gets its own database with this day in it, as some of them assign or answer signals.
		beforeEach(async () => {
			world = await buildPeopleWorld(ctx.db);
			await ensureGeneralCategories(ctx.db);
			teamId = (await createTeam(ctx.db, world.admin, { organisationId: world.institute.id, name: 'Buurtwerk' })).id;
			await ctx.db.insertInto('team_members').values({ team_id: teamId, user_id: world.worker.id }).execute();
			world.worker.teamIds = [teamId];
			const noise = await createCategory(ctx.db, world.coordinator, { key: 'noise', kind: 'nuisance', name: 'Lawaai', isActive: true });
			const leak = await createCategory(ctx.db, world.coordinator, { key: 'leak', kind: 'home_repair', name: 'Lek', isActive: true });
			await setRoutingRule(ctx.db, world.coordinator, { categoryId: noise.id, organisationId: world.institute.id, teamId, deadlineDays: 5 });
			await setRoutingRule(ctx.db, world.coordinator, { categoryId: leak.id, organisationId: world.shm.id, deadlineDays: 5 });
			const report = async (categoryId: string, kind: 'nuisance' | 'home_repair', description: string, extra: { email?: string; now?: Date } = {}) =>
				(await reportSignal(ctx.db, anonymous, { kind, categoryId, description, estateId: world.estate.id, email: extra.email }, { baseUrl, now: extra.now }))
					.id;

			// On Sara's name; new and on nobody's name; a month old and past its deadline (accepted, nobody on it).
			ids.mine = await report(noise.id, 'nuisance', 'Harde muziek elke nacht\nVooral in het weekend');
			await assignSignal(ctx.db, world.worker, ids.mine, world.worker.id, { baseUrl });
			ids.fresh = await report(noise.id, 'nuisance', 'Geroep in de gang na middernacht');
			ids.late = await report(noise.id, 'nuisance', 'Brommers op het plein', { now: new Date(Date.now() - 30 * 86_400_000) });
			await changeStatus(ctx.db, world.worker, ids.late, { status: 'accepted' }, { baseUrl });
			// The housing company refers a leak to the institute: it waits for the institute's answer.
			ids.referred = await report(leak.id, 'home_repair', 'Water in de kelder van blok A');
			await referSignal(
				ctx.db,
				world.landlord,
				ids.referred,
				{ toOrganisationId: world.institute.id, note: 'Kunnen jullie de bewoners samenbrengen?' },
				{ baseUrl }
			);
			// Sara resolves a noise signal; the tenant answers "not solved", which reopens it.
			ids.reopened = await report(noise.id, 'nuisance', 'De bel blijft maar rinkelen', { email: 'huurder@example.be' });
			await changeStatus(ctx.db, world.worker, ids.reopened, { status: 'accepted' }, { baseUrl });
			await changeStatus(ctx.db, world.worker, ids.reopened, { status: 'resolved' }, { baseUrl });
			const mails = (await ctx.db.selectFrom('outbox').select('payload').orderBy('id').execute()).map((r) => r.payload as Mail);
			const token = mails
				.filter((m) => m.to === 'huurder@example.be')
				.at(-1)!
				.text.match(/\/opgelost\/([A-Za-z0-9_-]+)\?antwoord=nee/)![1];
			expect((await answerFeedback(ctx.db, token, { answer: 'not_solved', comment: 'Hij rinkelt nog steeds' }, { baseUrl })).reopened).toBe(true);

			// Samenlevingsopbouw Antwerpen works in another municipality, with a signal of its own there.
			const antwerp = await buildOrganisation(ctx.db, 'regional_institute');
			const brecht = await buildArea(ctx.db, { name: 'Brecht', kind: 'municipality' });
			await worksIn(ctx.db, antwerp, brecht.id);
			stranger = await buildStaff(ctx.db, 'community_worker', antwerp, 'Jonas Wouters');
			await reloadReach(ctx.db, stranger);
			const litter = await createCategory(ctx.db, world.coordinator, { key: 'litter', kind: 'public_space', name: 'Zwerfvuil', isActive: true });
			await setRoutingRule(ctx.db, world.coordinator, { categoryId: litter.id, organisationId: antwerp.id, deadlineDays: 5 });
			ids.theirs = (
				await reportSignal(
					ctx.db,
					anonymous,
					{ kind: 'public_space', categoryId: litter.id, description: 'Zwerfvuil achter de blokken', areaId: brecht.id },
					{ baseUrl }
				)
			).id;
		});

		it("Sara's day: one on her name, one overdue in her team, new and unassigned, a referral waiting, a reopened one", async () => {
			const page = await startPage(ctx.db, world.worker);
			expect(page).toMatchObject({
				handlesSignals: true,
				assignedToMe: 1,
				overdue: 1,
				reopened: 1,
				referralsWaiting: 1,
				overdueByTeam: [{ teamId, name: 'Buurtwerk', count: 1 }]
			});
			if (!page.handlesSignals) return;
			// New and on nobody's name: the fresh noise signal and the leak referred to the institute (it is in her inbox).
			expect(page.newUnassigned).toBe(2);
			// Her own signal is listed by the first line of what the tenant wrote.
			expect(page.mine.map((s) => [s.id, s.summary])).toEqual([[ids.mine, 'Harde muziek elke nacht']]);
		});

		it('each count is the total of the inbox list its link opens', async () => {
			for (const actor of [world.worker, world.coordinator, world.landlord, world.ocmwWorker, stranger]) {
				const page = await startPage(ctx.db, actor);
				if (!page.handlesSignals) throw new Error('a handler sees signal counts');
				expect(page.assignedToMe).toBe((await inbox(ctx.db, actor, { mine: true })).total);
				expect(page.overdue).toBe((await inbox(ctx.db, actor, { overdue: true })).total);
				expect(page.newUnassigned).toBe((await inbox(ctx.db, actor, { status: 'new', unassigned: true })).total);
				expect(page.reopened).toBe((await inbox(ctx.db, actor, { reopened: true })).total);
				for (const t of page.overdueByTeam) expect(t.count).toBe((await inbox(ctx.db, actor, { overdue: true, teamId: t.teamId })).total);
			}
			const reopened = await inbox(ctx.db, world.worker, { reopened: true });
			expect(reopened.items.map((s) => s.id)).toEqual([ids.reopened]);
			const fresh = await inbox(ctx.db, world.worker, { status: 'new', unassigned: true });
			expect(new Set(fresh.items.map((s) => s.id))).toEqual(new Set([ids.fresh, ids.referred]));
		});

		it('the coordinator, in no team, follows every team of the institute; the housing company sees its own work', async () => {
			const koen = await startPage(ctx.db, world.coordinator);
			expect(koen).toMatchObject({
				handlesSignals: true,
				assignedToMe: 0,
				overdue: 1,
				overdueByTeam: [{ teamId, count: 1 }],
				referralsWaiting: 1,
				reopened: 1
			});
			// Pieter referred his leak on; it is still De Vlashaard's, new and on nobody's name. Nothing of the institute's.
			expect(await startPage(ctx.db, world.landlord)).toMatchObject({
				handlesSignals: true,
				assignedToMe: 0,
				overdue: 0,
				overdueByTeam: [],
				newUnassigned: 1,
				referralsWaiting: 0,
				reopened: 0
			});
		});

		it('a worker of another institute counts none of our signals, only their own', async () => {
			expect(await startPage(ctx.db, stranger)).toEqual({
				handlesSignals: true,
				assignedToMe: 0,
				mine: [],
				overdue: 0,
				overdueByTeam: [],
				newUnassigned: 1,
				referralsWaiting: 0,
				reopened: 0,
				replied: 0
			});
			expect((await inbox(ctx.db, stranger, { status: 'new', unassigned: true })).items.map((s) => s.id)).toEqual([ids.theirs]);
			expect(await startPage(ctx.db, world.otherLandlord)).toMatchObject({ assignedToMe: 0, overdue: 0, newUnassigned: 0, referralsWaiting: 0, reopened: 0 });
		});

		it('the admin reads no signals: no counts, no error; a resident without an account gets none', async () => {
			expect(await startPage(ctx.db, world.admin)).toEqual({ handlesSignals: false });
			await expect(startPage(ctx.db, anonymous)).rejects.toThrow(Unauthenticated);
		});

		it('only who handles signals can be assigned: the admin is no choice and is refused with a clear reason', async () => {
			const choices = (await assigneesFor(ctx.db, world.worker, ids.fresh)).map((a) => a.name);
			expect(choices).toEqual(expect.arrayContaining(['Koen Vermeulen', 'Sara El Amrani']));
			expect(choices).not.toContain('Ann Beheer');
			expect((await colleagues(ctx.db, world.worker)).map((a) => a.name)).not.toContain('Ann Beheer');
			const refused = await assignSignal(ctx.db, world.worker, ids.fresh, world.admin.id, { baseUrl }).catch((e: unknown) => e);
			expect(refused).toBeInstanceOf(Invalid);
			expect((refused as Invalid).issues).toMatchObject([{ path: 'assigneeId', code: 'assignee_cannot_handle', params: { name: 'Ann Beheer' } }]);
			const signal = await ctx.db.selectFrom('signals').select('assignee_id').where('id', '=', ids.fresh).executeTakeFirstOrThrow();
			expect(signal.assignee_id).toBeNull();
			// The coordinator handles signals: she can be put on it.
			await assignSignal(ctx.db, world.worker, ids.fresh, world.coordinator.id, { baseUrl });
			expect((await ctx.db.selectFrom('signals').select('assignee_id').where('id', '=', ids.fresh).executeTakeFirstOrThrow()).assignee_id).toBe(
				world.coordinator.id
			);
		});

		it('a resident\'s reply on the tracking page counts until a colleague acts on it; a "not solved" there counts as reopened', async () => {
			const files = localFileStore(mkdtempSync(join(tmpdir(), 'leefbaar-start-')));
			const replyOptions = { baseUrl, clientKey: 'intake:start-page', limitPerHour: 20 };
			const noise = await ctx.db.selectFrom('signal_categories').select('id').where('key', '=', 'noise').executeTakeFirstOrThrow();
			const asked = await reportSignal(
				ctx.db,
				anonymous,
				{ kind: 'nuisance', categoryId: noise.id, description: 'Een hond blaft de hele dag', estateId: world.estate.id },
				{ baseUrl }
			);
			const before = await startPage(ctx.db, world.worker);
			await postReply(ctx.db, files, anonymous, asked.trackingToken!, { body: 'Vandaag weer, van 7 uur tot nu.' }, replyOptions);
			const after = await startPage(ctx.db, world.worker);
			expect(after.handlesSignals && before.handlesSignals && after.replied - before.replied).toBe(1);
			const replied = await inbox(ctx.db, world.worker, { replied: true });
			expect(replied.items.map((i) => i.id)).toContain(asked.id);
			expect(after.handlesSignals && after.replied).toBe(replied.total);
			// The other institute's worker counts none of it.
			expect(await startPage(ctx.db, stranger)).toMatchObject({ replied: 0 });
			// Sara writes back: the reply is answered, it leaves the count.
			await addNote(ctx.db, world.worker, asked.id, { body: 'We bellen de eigenaar van de hond.', toReporter: true }, { baseUrl });
			expect((await inbox(ctx.db, world.worker, { replied: true })).items.map((i) => i.id)).not.toContain(asked.id);

			// A resolution the resident disagrees with on the tracking page reopens it, as the mailed "solved?" answer does.
			await changeStatus(ctx.db, world.worker, asked.id, { status: 'resolved' }, { baseUrl });
			await sayNotSolved(ctx.db, anonymous, asked.trackingToken!, { reason: 'De hond blaft nog altijd.' }, replyOptions);
			expect((await inbox(ctx.db, world.worker, { reopened: true })).items.map((i) => i.id)).toContain(asked.id);
		});
	},
	{ each: true }
);
