import { expect, it } from 'vitest';
import { anonymous } from '../access/actor';
import type { Db } from '../db/database';
import { describeOnDatabases } from '../db/testing';
import { Forbidden, Invalid } from '../errors';
import type { Mail } from '../mail/outbox';
import { buildOrganisation, buildStaff } from '../partners/factories';
import { deactivateUser, getUser, listUsers } from './accounts';
import { signIn } from './sign-in';
import { resolveSession } from './sessions';
import { acceptInvitation, describeInvitation, inviteUser, resendInvitation } from './invitations';
import { Throttled } from './throttle';
import { TokenRejected } from './tokens';

const BASE = 'https://leefbaar.wevelgem.example';

/** The mails queued for one address, oldest first, as the outbox holds them. */
async function mailsTo(db: Db, to: string): Promise<Mail[]> {
	const rows = await db.selectFrom('outbox').select('payload').where('kind', '=', 'mail').orderBy('id').execute();
	return rows.map((r) => r.payload as Mail).filter((m) => m.to === to);
}
const linkIn = (mail: Mail) => mail.text.match(/https:\/\/\S+\/invitation\/([\w-]+)/)?.[1] ?? '';

describeOnDatabases('invitations', (ctx) => {
	it('an admin invites a social worker of OCMW Wevelgem, who joins with her own password and is signed in', async () => {
		const { actor: admin } = await buildStaff(ctx.db, { role: 'admin', name: 'Ann Beheer' });
		const ocmw = await buildOrganisation(ctx.db, { name: 'OCMW Wevelgem (uitnodiging)', kind: 'welfare_centre' });
		const lien = await inviteUser(ctx.db, admin, {
			email: 'Lien@OCMW.example',
			name: 'Lien',
			role: 'partner_staff',
			organisationId: ocmw.id,
			locale: 'nl',
			baseUrl: BASE
		});
		expect(lien).toMatchObject({ email: 'lien@ocmw.example', is_active: true });
		expect((await listUsers(ctx.db, admin, { status: 'invited' })).map((u) => u.id)).toContain(lien.id);
		expect((await getUser(ctx.db, admin, lien.id)).invitation).toMatchObject({ expiresAt: expect.any(String) });

		const [mail] = await mailsTo(ctx.db, 'lien@ocmw.example');
		expect(mail.subject).toBe('Je bent uitgenodigd voor Leefbaar');
		expect(mail.text).toContain('Ann Beheer nodigt je uit');
		expect(mail.text).toContain('OCMW Wevelgem (uitnodiging)');
		expect(mail.text).toContain(`${BASE}/invitation/`);
		const token = linkIn(mail);
		const stored = await ctx.db.selectFrom('tokens').select(['token_hash', 'kind', 'expires_at']).where('user_id', '=', lien.id).executeTakeFirstOrThrow();
		expect(stored.kind).toBe('invitation');
		expect(stored.token_hash).not.toBe(token); // only the hash is stored
		const days = (Date.parse(stored.expires_at) - Date.now()) / 86_400_000;
		expect(days).toBeGreaterThan(6.9);
		expect(days).toBeLessThanOrEqual(7);

		expect(await describeInvitation(ctx.db, token)).toMatchObject({
			email: 'lien@ocmw.example',
			name: 'Lien',
			organisationName: 'OCMW Wevelgem (uitnodiging)'
		});
		await expect(acceptInvitation(ctx.db, anonymous, { token, name: 'Lien Vandenberghe', password: 'te-kort' }, 14)).rejects.toBeInstanceOf(Invalid);
		const session = await acceptInvitation(ctx.db, anonymous, { token, name: 'Lien Vandenberghe', password: 'mijn-eigen-wachtwoord' }, 14);
		expect((await resolveSession(ctx.db, session.token, 14))?.actor).toMatchObject({
			name: 'Lien Vandenberghe',
			role: 'partner_staff',
			organisationKind: 'welfare_centre'
		});
		await expect(signIn(ctx.db, { email: 'lien@ocmw.example', password: 'mijn-eigen-wachtwoord' }, 14)).resolves.toMatchObject({ userId: lien.id });
		expect((await getUser(ctx.db, admin, lien.id)).status).toBe('active');

		// The link works once.
		expect(await describeInvitation(ctx.db, token)).toEqual({ problem: 'used' });
		await expect(acceptInvitation(ctx.db, anonymous, { token, name: 'Iemand anders', password: 'een-ander-wachtwoord' }, 14)).rejects.toMatchObject({
			code: 'token_used'
		});
		await expect(resendInvitation(ctx.db, admin, { userId: lien.id, baseUrl: BASE })).rejects.toMatchObject({ code: 'invitation_accepted' });
	});

	it('writes the invitation in the language of the invited person', async () => {
		const { actor: admin } = await buildStaff(ctx.db, { role: 'admin' });
		await inviteUser(ctx.db, admin, { email: 'camille@example.be', name: 'Camille', role: 'community_worker', locale: 'fr', baseUrl: BASE });
		const [mail] = await mailsTo(ctx.db, 'camille@example.be');
		expect(mail.subject).toBe('Vous êtes invité(e) sur Leefbaar');
		expect(mail.text).toContain('Bonjour Camille,');
		expect(mail.text).toContain('Votre rôle');
	});

	it('an invitation runs out after 7 days; a new one replaces the old link', async () => {
		const { actor: admin } = await buildStaff(ctx.db, { role: 'admin' });
		const koen = await inviteUser(ctx.db, admin, { email: 'koen@example.be', name: 'Koen', role: 'coordinator', baseUrl: BASE });
		const first = linkIn((await mailsTo(ctx.db, 'koen@example.be'))[0]);
		// Eight days later:
		await ctx.db
			.updateTable('tokens')
			.set({ expires_at: new Date(Date.now() - 86_400_000).toISOString() })
			.where('user_id', '=', koen.id)
			.execute();
		expect(await describeInvitation(ctx.db, first)).toEqual({ problem: 'expired' });
		await expect(acceptInvitation(ctx.db, anonymous, { token: first, name: 'Koen', password: 'koen-zijn-wachtwoord' }, 14)).rejects.toMatchObject({
			code: 'token_expired'
		});

		await resendInvitation(ctx.db, admin, { userId: koen.id, baseUrl: BASE });
		const mails = await mailsTo(ctx.db, 'koen@example.be');
		expect(mails).toHaveLength(2);
		const second = linkIn(mails[1]);
		expect(second).not.toBe(first);
		await expect(acceptInvitation(ctx.db, anonymous, { token: second, name: 'Koen', password: 'koen-zijn-wachtwoord' }, 14)).resolves.toMatchObject({
			userId: koen.id
		});
	});

	it('a resent invitation switches the earlier link off', async () => {
		const { actor: admin } = await buildStaff(ctx.db, { role: 'admin' });
		const user = await inviteUser(ctx.db, admin, { email: 'twee-links@example.be', name: 'Twee', role: 'community_worker', baseUrl: BASE });
		await resendInvitation(ctx.db, admin, { userId: user.id, baseUrl: BASE });
		const [first, second] = (await mailsTo(ctx.db, 'twee-links@example.be')).map(linkIn);
		expect(await describeInvitation(ctx.db, first)).toEqual({ problem: 'expired' });
		expect(await describeInvitation(ctx.db, second)).toMatchObject({ name: 'Twee' });
	});

	it('two clicks on the same link at once make one account password, not two', async () => {
		const { actor: admin } = await buildStaff(ctx.db, { role: 'admin' });
		await inviteUser(ctx.db, admin, { email: 'dubbel@example.be', name: 'Dubbel', role: 'community_worker', baseUrl: BASE });
		const token = linkIn((await mailsTo(ctx.db, 'dubbel@example.be'))[0]);
		const results = await Promise.allSettled([
			acceptInvitation(ctx.db, anonymous, { token, name: 'Dubbel', password: 'eerste-wachtwoord' }, 14),
			acceptInvitation(ctx.db, anonymous, { token, name: 'Dubbel', password: 'tweede-wachtwoord' }, 14)
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(rejected.reason).toBeInstanceOf(TokenRejected);
	});

	it('a link of a switched-off account opens nothing', async () => {
		const { actor: admin } = await buildStaff(ctx.db, { role: 'admin' });
		const user = await inviteUser(ctx.db, admin, { email: 'uit@example.be', name: 'Uit', role: 'community_worker', baseUrl: BASE });
		const token = linkIn((await mailsTo(ctx.db, 'uit@example.be'))[0]);
		await deactivateUser(ctx.db, admin, user.id);
		expect('problem' in (await describeInvitation(ctx.db, token))).toBe(true);
		await expect(acceptInvitation(ctx.db, anonymous, { token, name: 'Uit', password: 'toch-proberen-123' }, 14)).rejects.toBeInstanceOf(TokenRejected);
		await expect(resendInvitation(ctx.db, admin, { userId: user.id, baseUrl: BASE })).rejects.toMatchObject({ code: 'user_inactive' });
	});

	it('inviting an address that already has an account changes nothing and sends nothing', async () => {
		const { actor: admin } = await buildStaff(ctx.db, { role: 'admin' });
		await buildStaff(ctx.db, { email: 'bestaat@example.be' });
		const before = await ctx.db.selectFrom('outbox').select('id').execute();
		await expect(inviteUser(ctx.db, admin, { email: 'BESTAAT@example.be', name: 'Dubbel', role: 'community_worker', baseUrl: BASE })).rejects.toMatchObject({
			code: 'duplicate',
			params: { field: 'email' }
		});
		expect(await ctx.db.selectFrom('outbox').select('id').execute()).toHaveLength(before.length);
	});

	it('only admins invite; an unknown link says so', async () => {
		const { actor: coordinator } = await buildStaff(ctx.db, { role: 'coordinator' });
		await expect(inviteUser(ctx.db, coordinator, { email: 'x@example.be', name: 'X', role: 'admin', baseUrl: BASE })).rejects.toBeInstanceOf(Forbidden);
		expect(await describeInvitation(ctx.db, 'made-up-token')).toEqual({ problem: 'invalid' });
		await expect(acceptInvitation(ctx.db, anonymous, { token: 'made-up-token', name: 'X', password: 'wat-dan-ook-123' }, 14)).rejects.toMatchObject({
			code: 'token_invalid'
		});
	});

	it('made-up invitation links tried from one address are stopped; the invited colleague still joins from her own', async () => {
		const { actor: admin } = await buildStaff(ctx.db, { role: 'admin' });
		await inviteUser(ctx.db, admin, { email: 'nieuw@example.be', name: 'Nieuw', role: 'community_worker', baseUrl: BASE });
		const token = linkIn((await mailsTo(ctx.db, 'nieuw@example.be'))[0]);
		const scanner = { clientAddress: '203.0.113.60', now: new Date(Date.now() + 3_600_000) };
		const tries: string[] = [];
		for (let i = 0; i < 50; i++) {
			const tried =
				i % 2 === 0
					? describeInvitation(ctx.db, `verzonnen-${i}`, scanner)
					: acceptInvitation(ctx.db, anonymous, { token: `verzonnen-${i}`, name: 'X', password: 'een-lang-wachtwoord' }, 14, scanner);
			tries.push(
				await tried.then(
					(r) => ('problem' in (r as object) ? 'invalid' : 'ok'),
					(err) => (err instanceof Throttled ? err.reason : err instanceof TokenRejected ? 'invalid' : 'other')
				)
			);
		}
		expect(tries).toEqual([...Array(30).fill('invalid'), ...Array(19).fill('wait'), 'blocked']);
		await expect(acceptInvitation(ctx.db, anonymous, { token, name: 'Nieuw', password: 'mijn-wachtwoord-1' }, 14, scanner)).rejects.toBeInstanceOf(Throttled);
		// The invited colleague, from her own address, joins; her link is still unused.
		await expect(
			acceptInvitation(ctx.db, anonymous, { token, name: 'Nieuw', password: 'mijn-wachtwoord-1' }, 14, { clientAddress: '192.0.2.90' })
		).resolves.toMatchObject({ token: expect.any(String) });
	});
});
