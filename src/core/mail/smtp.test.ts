// A real SMTP round trip: an in-process SMTP server on a free loopback port receives what the outbox sweep sends.
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnDatabases } from '../db/testing';
import { inviteUser } from '../auth/invitations';
import { buildOrganisation, buildStaff } from '../partners/factories';
import { sweepOutbox, type Mail } from './outbox';
import { createMailTransport, parseStoredMail, type MailTransport } from './transport';

type Received = { from: string; to: string[]; raw: string };

describeOnDatabases('mail over SMTP', (ctx) => {
	const received: Received[] = [];
	let server: SMTPServer;
	let transport: MailTransport;

	beforeAll(async () => {
		server = new SMTPServer({
			// A plain local relay: no TLS upgrade and no login, as in a test network.
			disabledCommands: ['STARTTLS', 'AUTH'],
			authOptional: true,
			logger: false,
			onData(stream, session, callback) {
				const chunks: Buffer[] = [];
				stream.on('data', (c: Buffer) => chunks.push(c));
				stream.on('end', () => {
					const envelope = session.envelope;
					received.push({
						from: envelope.mailFrom ? envelope.mailFrom.address : '',
						to: envelope.rcptTo.map((r) => r.address),
						raw: Buffer.concat(chunks).toString('utf8')
					});
					callback();
				});
			}
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.server.address() as AddressInfo;
		transport = createMailTransport({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Leefbaar <noreply@leefbaar.test>', outboxDir: mkdtempSync(join(tmpdir(), 'leefbaar-unused-')) });
	});

	afterAll(async () => {
		transport?.close();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	});

	const deliver = async (kind: string, payload: unknown) => {
		if (kind !== 'mail') throw new Error(`unexpected ${kind}`);
		await transport.send(payload as Mail);
	};

	it('an invitation reaches the mail server with a working link, and a second sweep sends nothing twice', async () => {
		expect(transport.kind).toBe('smtp');
		const { actor: admin } = await buildStaff(ctx.db, { role: 'admin', name: 'Ann Beheer' });
		const vlashaard = await buildOrganisation(ctx.db, { name: 'De Vlashaard (SMTP)', kind: 'housing_company' });
		await inviteUser(ctx.db, admin, { email: 'pieter@vlashaard.example', name: 'Pieter Desmet', role: 'partner_staff', organisationId: vlashaard.id, locale: 'nl', baseUrl: 'https://leefbaar.example' });

		expect(await sweepOutbox(ctx.db, deliver)).toBe(1);
		expect(received).toHaveLength(1);
		const [message] = received;
		expect(message.to).toEqual(['pieter@vlashaard.example']);
		expect(message.from).toBe('noreply@leefbaar.test');
		const mail = parseStoredMail(message.raw);
		expect(mail.subject).toBe('Je bent uitgenodigd voor Leefbaar');
		expect(mail.text).toContain('Dag Pieter Desmet,');
		expect(mail.text).toContain('De Vlashaard (SMTP)');
		expect(mail.text).toMatch(/https:\/\/leefbaar\.example\/invitation\/[\w-]{43}\n/);

		expect(await sweepOutbox(ctx.db, deliver)).toBe(0);
		expect(received).toHaveLength(1);
		const row = await ctx.db.selectFrom('outbox').select(['done_at', 'attempts', 'last_error']).executeTakeFirstOrThrow();
		expect(row).toMatchObject({ attempts: 1, last_error: null });
		expect(row.done_at).not.toBeNull();
	});
});
