import { expect, it } from 'vitest';
import { system } from '../access/actor';
import { describeOnDatabases } from '../db/testing';
import { createOrganisation } from '../partners/organisations';
import { createUser } from './accounts';
import { resolveSession } from './sessions';
import { signIn, signOut, WrongCredentials } from './sign-in';
import { Invalid } from '../errors';

describeOnDatabases('staff sign-in', (ctx) => {
	it('a community worker signs in, is known by the session, and signs out again', async () => {
		const org = await createOrganisation(ctx.db, system('test'), { name: 'Samenlevingsopbouw Antwerpen provincie', kind: 'regional_institute' });
		await createUser(ctx.db, system('test'), {
			email: 'Sara@Example.be',
			name: 'Sara',
			role: 'community_worker',
			organisationId: org.id,
			password: 'een-lang-wachtwoord'
		});
		const session = await signIn(ctx.db, { email: ' sara@example.be ', password: 'een-lang-wachtwoord' }, 14);
		const resolved = await resolveSession(ctx.db, session.token, 14);
		expect(resolved?.actor).toMatchObject({ kind: 'staff', name: 'Sara', role: 'community_worker', organisationKind: 'regional_institute' });
		await signOut(ctx.db, session.token);
		expect(await resolveSession(ctx.db, session.token, 14)).toBeNull();
		const audit = await ctx.db.selectFrom('audit_log').select('action').where('resource_id', '=', session.userId).execute();
		expect(audit.map((a) => a.action)).toContain('sign-in');
	});

	it('gives the same answer for a wrong password and an unknown email', async () => {
		await expect(signIn(ctx.db, { email: 'sara@example.be', password: 'wrong-password' }, 14)).rejects.toBeInstanceOf(WrongCredentials);
		await expect(signIn(ctx.db, { email: 'nobody@example.be', password: 'whatever-it-is' }, 14)).rejects.toBeInstanceOf(WrongCredentials);
		await expect(signIn(ctx.db, { email: 'not an email', password: '' }, 14)).rejects.toBeInstanceOf(Invalid);
	});

	it('ends an expired session and refuses it', async () => {
		const session = await signIn(ctx.db, { email: 'sara@example.be', password: 'een-lang-wachtwoord' }, 14);
		await ctx.db
			.updateTable('sessions')
			.set({ expires_at: new Date(Date.now() - 1000).toISOString() })
			.execute();
		expect(await resolveSession(ctx.db, session.token, 14)).toBeNull();
		expect(await ctx.db.selectFrom('sessions').select('id').execute()).toEqual([]);
	});
});
