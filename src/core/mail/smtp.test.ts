// A real SMTP round trip: the tests' in-process SMTP server (tests/support/smtp.ts) receives what the outbox sends.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnDatabases } from '../db/testing';
import { inviteUser } from '../auth/invitations';
import { buildOrganisation, buildStaff } from '../partners/factories';
import { sweepOutbox, type Mail } from './outbox';
import { startSmtp, type TestSmtp } from '../../../tests/support/smtp';
import { createMailTransport, type MailTransport } from './transport';

describeOnDatabases('mail over SMTP', (ctx) => {
	let smtp: TestSmtp;
	let transport: MailTransport;

	beforeAll(async () => {
		smtp = await startSmtp();
		transport = createMailTransport({
			smtpUrl: smtp.url,
			from: 'Leefbaar <noreply@leefbaar.test>',
			outboxDir: mkdtempSync(join(tmpdir(), 'leefbaar-unused-'))
		});
	});

	afterAll(async () => {
		transport?.close();
		await smtp?.stop();
	});

	const deliver = async (kind: string, payload: unknown) => {
		if (kind !== 'mail') throw new Error(`unexpected ${kind}`);
		await transport.send(payload as Mail);
	};

	it('an invitation reaches the mail server with a working link, and a second sweep sends nothing twice', async () => {
		expect(transport.kind).toBe('smtp');
		const { actor: admin } = await buildStaff(ctx.db, { role: 'admin', name: 'Ann Beheer' });
		const vlashaard = await buildOrganisation(ctx.db, { name: 'De Vlashaard (SMTP)', kind: 'housing_company' });
		await inviteUser(ctx.db, admin, {
			email: 'pieter@vlashaard.example',
			name: 'Pieter Desmet',
			role: 'partner_staff',
			organisationId: vlashaard.id,
			locale: 'nl',
			baseUrl: 'https://leefbaar.example'
		});

		expect(await sweepOutbox(ctx.db, deliver)).toBe(1);
		expect(smtp.mails).toHaveLength(1);
		const [mail] = smtp.mails;
		expect(mail.to).toEqual(['pieter@vlashaard.example']);
		expect(mail.from).toBe('noreply@leefbaar.test');
		expect(mail.subject).toBe('Je bent uitgenodigd voor Leefbaar');
		expect(mail.text).toContain('Dag Pieter Desmet,');
		expect(mail.text).toContain('De Vlashaard (SMTP)');
		expect(mail.text).toMatch(/https:\/\/leefbaar\.example\/invitation\/[\w-]{43}\n/);

		expect(await sweepOutbox(ctx.db, deliver)).toBe(0);
		expect(smtp.mails).toHaveLength(1);
		const row = await ctx.db.selectFrom('outbox').select(['done_at', 'attempts', 'last_error']).executeTakeFirstOrThrow();
		expect(row).toMatchObject({ attempts: 1, last_error: null });
		expect(row.done_at).not.toBeNull();
	});
});
