// Warnings people read. Twenty leaks at De Vlashaard pass their deadline on the same day: Pieter, who handles them,
// gets one mail the next morning listing all twenty, not twenty mails, and no second one that day. What becomes
// overdue later waits for the next morning's digest, in each reader's language. Past the category's second deadline
// Hilde, the coordinator of the technical team, hears of it once. A leak solved and reopened that runs late again is
// told again.
import { beforeEach, describe, expect, it } from 'vitest';
import { anonymous, type StaffActor } from '../../access';
import type { Db } from '../../db/database';
import { describeOnDatabases } from '../../db/testing';
import { plural } from '../../i18n';
import { addTeamMember, createTeam } from '../../partners/teams';
import { buildPeopleWorld, buildStaff } from '../../people/factories';
import { categoryInput, createCategory, ensureGeneralCategories, setRoutingRule } from '../routing/categories';
import { changeStatus, assignSignal, reportSignal } from '..';
import { sweepOverdue } from '../sweeps';
import { digestMinutes } from './overdue';

const baseUrl = 'https://leefbaar.test';
type Mail = { to: string; subject: string; text: string };
const digests = async (db: Db) =>
	(await db.selectFrom('outbox').select('payload').orderBy('id').execute())
		.map((r) => r.payload as Mail)
		.filter((m) => / over tijd$| en retard$| overdue$/.test(m.subject));
const at = (iso: string) => new Date(iso);
const received = at('2026-11-02T09:00:00Z'); // Monday; a leak must be handled within 2 working days: by Wednesday 4th

/** De Vlashaard with a technical team: Pieter and Tom (who reads French) in it, Hilde its coordinator; Marc coordinates another team. */
async function vlashaard(db: Db, escalation: { leak: number | ''; lift: number | ''; graffiti: number | '' } = { leak: 3, lift: 10, graffiti: '' }) {
	const world = await buildPeopleWorld(db);
	await ensureGeneralCategories(db);
	const team = await createTeam(db, world.admin, { organisationId: world.shm.id, name: 'Technische dienst' });
	const tom = await buildStaff(db, 'partner_staff', world.shm, 'Tom Lefèvre');
	await db.updateTable('users').set({ locale: 'fr' }).where('id', '=', tom.id).execute();
	const hilde = await buildStaff(db, 'coordinator', world.shm, 'Hilde Claes');
	const marc = await buildStaff(db, 'coordinator', world.shm, 'Marc Peeters');
	for (const member of [world.landlord, tom, hilde]) await addTeamMember(db, world.admin, { teamId: team.id, userId: member.id });
	const category = async (key: string, kind: 'home_repair' | 'common_spaces', name: string, escalationDays: number | '') => {
		const c = await createCategory(db, world.coordinator, { key, kind, name, nameFr: `${name} (fr)`, isActive: true, escalationDays });
		await setRoutingRule(db, world.coordinator, { categoryId: c.id, organisationId: world.shm.id, teamId: team.id, deadlineDays: 2 });
		return c;
	};
	return {
		world,
		team,
		tom,
		hilde,
		marc,
		leak: await category('leak', 'home_repair', 'Lek', escalation.leak),
		lift: await category('lift', 'common_spaces', 'Lift', escalation.lift),
		graffiti: await category('graffiti', 'common_spaces', 'Graffiti', escalation.graffiti)
	};
}

async function report(
	db: Db,
	v: Awaited<ReturnType<typeof vlashaard>>,
	categoryId: string,
	description: string,
	when = received,
	assignee: StaffActor | null = v.world.landlord
) {
	const kind = categoryId === v.leak.id ? 'home_repair' : 'common_spaces';
	const s = await reportSignal(db, anonymous, { kind, categoryId, description, estateId: v.world.estate.id }, { baseUrl, now: when });
	if (assignee) await assignSignal(db, v.world.landlord, s.id, assignee.id, { baseUrl, now: when });
	return s;
}

describeOnDatabases(
	'the daily digest of overdue signals',
	(ctx) => {
		let v: Awaited<ReturnType<typeof vlashaard>>;

		// Each test gets its own database with De Vlashaard, as the sweeps note what they have told.
		beforeEach(async () => {
			v = await vlashaard(ctx.db);
		});

		/** Twenty leaks for Pieter, received on Monday. */
		const twentyLeaks = async () => {
			const leaks: string[] = [];
			for (let i = 1; i <= 20; i++) leaks.push((await report(ctx.db, v, v.leak.id, `Lek nummer ${i} in de kelder`)).id);
			return leaks;
		};

		/** The twenty leaks, told to Pieter in Thursday morning's digest. */
		const twentyLeaksTold = async () => {
			const leaks = await twentyLeaks();
			expect(await sweepOverdue(ctx.db, { baseUrl, now: at('2026-11-05T06:05:00Z') })).toBe(1);
			return leaks;
		};

		it('twenty leaks overdue for Pieter make one mail the next morning, with a link to each, and nothing more that day', async () => {
			const leaks = await twentyLeaks();

			// Thursday 06:00 in Brussels: overdue since midnight, but the digest goes out from 07:00.
			expect(await sweepOverdue(ctx.db, { baseUrl, now: at('2026-11-05T05:00:00Z') })).toBe(0);
			expect(await digests(ctx.db)).toEqual([]);
			expect(await sweepOverdue(ctx.db, { baseUrl, now: at('2026-11-05T06:05:00Z') })).toBe(1);
			const [mail] = await digests(ctx.db);
			expect(mail.to).toBe(v.world.landlord.email);
			expect(mail.subject).toBe('20 meldingen over tijd');
			expect(mail.text).toContain('Dag Pieter Desmet,');
			expect(mail.text).toContain('Deze 20 meldingen zijn over tijd en nog niet afgehandeld:');
			expect(mail.text).toContain('moest klaar zijn op woensdag 4 november 2026');
			for (const id of leaks) expect(mail.text).toContain(`${baseUrl}/staff/signals/${id}`);

			// The sweep runs every few minutes, on several servers: nothing more today.
			for (const time of ['2026-11-05T06:10:00Z', '2026-11-05T12:00:00Z', '2026-11-05T22:59:00Z'])
				expect(await sweepOverdue(ctx.db, { baseUrl, now: at(time) })).toBe(0);
			expect(await digests(ctx.db)).toHaveLength(1);
			const audited = await ctx.db.selectFrom('audit_log').select(['resource_id', 'summary']).where('action', '=', 'signal_overdue_digest').execute();
			expect(audited).toEqual([{ resource_id: v.world.landlord.id, summary: '2026-11-05: 20 overdue, 0 escalated' }]);
		});

		it('the next morning only what became overdue since: one for Pieter, and the team of an unassigned one, each in their language', async () => {
			const leaks = await twentyLeaksTold();
			const lift = await report(ctx.db, v, v.lift.id, 'De lift blijft hangen op 3', at('2026-11-04T09:00:00Z'));
			const graffiti = await report(ctx.db, v, v.graffiti.id, 'Graffiti op de voordeur', at('2026-11-04T09:00:00Z'), null);
			// Friday: both became overdue at midnight.
			expect(await sweepOverdue(ctx.db, { baseUrl, now: at('2026-11-07T06:30:00Z') })).toBe(3);
			const mails = (await digests(ctx.db)).slice(1);
			const to = (u: { email: string }) => mails.filter((m) => m.to === u.email);
			expect(to(v.world.landlord).map((m) => m.subject)).toEqual(['2 meldingen over tijd']);
			expect(to(v.world.landlord)[0].text).toContain(lift.reference);
			expect(to(v.world.landlord)[0].text).not.toContain(leaks[0]);
			expect(to(v.tom).map((m) => m.subject)).toEqual(['1 signalement en retard']);
			expect(to(v.tom)[0].text).toContain('Ce signalement a dépassé son délai');
			expect(to(v.tom)[0].text).toContain('Graffiti (fr)');
			expect(to(v.tom)[0].text).toContain(`${baseUrl}/staff/signals/${graffiti.id}`);
			expect(to(v.hilde).map((m) => m.subject)).toEqual(['1 melding over tijd']);
			expect(to(v.marc)).toEqual([]);
		});

		it("past the leak's second deadline (3 working days) Hilde, the team's coordinator, hears of the twenty once", async () => {
			const leaks = await twentyLeaksTold();
			// Deadline Wednesday 4th; Thursday, Friday and Monday are the three working days: on Monday nothing yet.
			expect(await sweepOverdue(ctx.db, { baseUrl, now: at('2026-11-09T15:00:00Z') })).toBe(0);
			const before = (await digests(ctx.db)).length;
			expect(await sweepOverdue(ctx.db, { baseUrl, now: at('2026-11-10T06:30:00Z') })).toBe(1);
			const [mail] = (await digests(ctx.db)).slice(before);
			expect(mail.to).toBe(v.hilde.email);
			expect(mail.subject).toBe('20 meldingen over tijd');
			expect(mail.text).toContain('Deze 20 meldingen zijn ook na de tweede termijn nog niet afgehandeld. Je krijgt ze als coördinator:');
			expect(mail.text).toContain(`Behandeld door ${v.world.shm.name} · Technische dienst · Pieter Desmet`);
			for (const id of leaks) expect(mail.text).toContain(`${baseUrl}/staff/signals/${id}`);
			// Never again for these twenty, whatever the day.
			for (const time of ['2026-11-10T12:00:00Z', '2026-11-11T06:30:00Z', '2026-11-12T06:30:00Z']) await sweepOverdue(ctx.db, { baseUrl, now: at(time) });
			const later = (await digests(ctx.db)).slice(before + 1);
			for (const m of later) for (const id of leaks) expect(m.text).not.toContain(id);
			const escalations = await ctx.db
				.selectFrom('overdue_notices')
				.select('signal_id')
				.where('kind', '=', 'escalation')
				.where('signal_id', 'in', leaks)
				.execute();
			expect(escalations).toHaveLength(20);
			expect(
				await ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'signal_escalate').where('resource_id', 'in', leaks).execute()
			).toHaveLength(20);
		});

		it('each category has its own second deadline: the lift after 10 working days, graffiti never', async () => {
			await report(ctx.db, v, v.lift.id, 'De lift blijft hangen op 3', at('2026-11-04T09:00:00Z'));
			await report(ctx.db, v, v.graffiti.id, 'Graffiti op de voordeur', at('2026-11-04T09:00:00Z'), null);
			const escalated = async () =>
				(
					await ctx.db
						.selectFrom('overdue_notices as n')
						.innerJoin('signals as s', 's.id', 'n.signal_id')
						.select('s.category_id')
						.where('n.kind', '=', 'escalation')
						.execute()
				).map((r) => r.category_id);
			// The lift's deadline was Friday 6th; ten working days later (11 November is a holiday) is Monday 23rd.
			await sweepOverdue(ctx.db, { baseUrl, now: at('2026-11-23T12:00:00Z') });
			expect((await escalated()).filter((c) => c === v.lift.id)).toHaveLength(0);
			await sweepOverdue(ctx.db, { baseUrl, now: at('2026-11-24T06:30:00Z') });
			expect((await escalated()).filter((c) => c === v.lift.id)).toHaveLength(1);
			await sweepOverdue(ctx.db, { baseUrl, now: at('2027-06-01T06:30:00Z') });
			expect((await escalated()).filter((c) => c === v.graffiti.id)).toHaveLength(0);
		});
	},
	{ each: true }
);

describeOnDatabases(
	'a signal solved, reopened and late again',
	(ctx) => {
		let v: Awaited<ReturnType<typeof vlashaard>>;

		// De Vlashaard without second deadlines, on a database of each test's own.
		beforeEach(async () => {
			v = await vlashaard(ctx.db, { leak: '', lift: '', graffiti: '' });
		});

		it('is told again; a signal handled before the digest goes out is left out of it', async () => {
			const leak = await report(ctx.db, v, v.leak.id, 'Lek boven het aanrecht');
			const fixed = await report(ctx.db, v, v.leak.id, 'Lek in de badkamer');
			// Noted at night, solved at 06:30, before the morning's digest.
			await sweepOverdue(ctx.db, { baseUrl, now: at('2026-11-05T01:00:00Z') });
			await changeStatus(ctx.db, v.world.landlord, fixed.id, { status: 'resolved' }, { baseUrl, now: at('2026-11-05T05:30:00Z') });
			expect(await sweepOverdue(ctx.db, { baseUrl, now: at('2026-11-05T06:30:00Z') })).toBe(1);
			const [first] = await digests(ctx.db);
			expect(first.subject).toBe('1 melding over tijd');
			expect(first.text).toContain(leak.reference);
			expect(first.text).not.toContain(fixed.reference);

			// Solved on Friday; the tenant says it still leaks and it is reopened on Monday, its deadline long gone.
			await changeStatus(ctx.db, v.world.landlord, leak.id, { status: 'resolved' }, { baseUrl, now: at('2026-11-06T10:00:00Z') });
			expect(await sweepOverdue(ctx.db, { baseUrl, now: at('2026-11-07T06:30:00Z') })).toBe(0);
			await changeStatus(ctx.db, v.world.landlord, leak.id, { status: 'accepted' }, { baseUrl, now: at('2026-11-09T08:00:00Z') });
			expect(await sweepOverdue(ctx.db, { baseUrl, now: at('2026-11-09T09:00:00Z') })).toBe(1);
			expect(await sweepOverdue(ctx.db, { baseUrl, now: at('2026-11-10T09:00:00Z') })).toBe(0);
			const all = await digests(ctx.db);
			expect(all).toHaveLength(2);
			expect(all[1].text).toContain(leak.reference);
			expect(await ctx.db.selectFrom('overdue_notices').select('opened_at').where('signal_id', '=', leak.id).execute()).toHaveLength(2);
		});

		it('a colleague whose account was switched off after the signal was noted gets no digest; the team does', async () => {
			const stuck = await report(ctx.db, v, v.lift.id, 'Lift hangt tussen twee verdiepingen', at('2026-11-16T09:00:00Z'), null);
			await sweepOverdue(ctx.db, { baseUrl, now: at('2026-11-19T02:00:00Z') });
			await ctx.db.updateTable('users').set({ is_active: false }).where('id', '=', v.tom.id).execute();
			const before = (await digests(ctx.db)).length;
			expect(await sweepOverdue(ctx.db, { baseUrl, now: at('2026-11-19T07:00:00Z') })).toBe(2);
			const sent = (await digests(ctx.db)).slice(before);
			expect(sent.map((m) => m.to).sort()).toEqual([v.world.landlord.email, v.hilde.email].sort());
			for (const m of sent) expect(m.text).toContain(stuck.reference);
		});
	},
	{ each: true }
);

describe('the pieces of the digest', () => {
	it('counts in each language by its plural rules', () => {
		expect(plural('nl', 'mail.overdue_digest_subject', 1)).toBe('1 melding over tijd');
		expect(plural('nl', 'mail.overdue_digest_subject', 2)).toBe('2 meldingen over tijd');
		expect(plural('fr', 'mail.overdue_digest_subject', 1)).toBe('1 signalement en retard');
		expect(plural('fr', 'mail.overdue_digest_subject', 3)).toBe('3 signalements en retard');
		expect(plural('en', 'mail.overdue_digest_subject', 1)).toBe('1 report overdue');
		expect(plural('en', 'mail.overdue_digest_subject', 20)).toBe('20 reports overdue');
	});

	it('reads the digest time and the second deadline as a coordinator types them', () => {
		expect(digestMinutes('07:00')).toBe(420);
		expect(digestMinutes('23:59')).toBe(1439);
		expect(() => digestMinutes('7')).toThrow(RangeError);
		const days = (escalationDays?: string) => categoryInput.parse({ key: 'leak', kind: 'home_repair', name: 'Lek', escalationDays }).escalationDays;
		expect(days(undefined)).toBe(5);
		expect(days('')).toBeNull();
		expect(days('8')).toBe(8);
		const zero = categoryInput.safeParse({ key: 'leak', kind: 'home_repair', name: 'Lek', escalationDays: '0' });
		expect(zero.error?.issues.map((i) => i.path.join('.'))).toEqual(['escalationDays']);
	});
});
