// A real SMTP server in the test process (smtp-server on a free loopback port): the app server gets its address as
// SMTP_URL and its outbox sweep delivers to it, so a test reads the mails a person would find in their inbox.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { parseStoredMail } from '../../src/core/mail/transport';

export type ReceivedMail = {
	/** Envelope sender and recipients, as the mail server saw them. */
	from: string;
	to: string[];
	/** Decoded headers and text (single-part mails as nodemailer writes them). */
	subject: string;
	text: string;
	raw: string;
};

export type TestSmtp = {
	/** smtp://127.0.0.1:<port>, for the app server's SMTP_URL. */
	url: string;
	mails: ReceivedMail[];
	/**
	 * Waits until a mail to `to` whose subject matches arrives (polling, at most `timeoutMs`: the outbox sweep runs
	 * every few seconds). Fails with what did arrive, so a missing mail is plain to see.
	 */
	waitFor(to: string, subject: string | RegExp, timeoutMs?: number): Promise<ReceivedMail>;
	stop(): Promise<void>;
};

export async function startSmtp(): Promise<TestSmtp> {
	const mails: ReceivedMail[] = [];
	const server = new SMTPServer({
		// A plain local relay: no TLS upgrade and no login, as in a test network.
		disabledCommands: ['STARTTLS', 'AUTH'],
		authOptional: true,
		logger: false,
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', () => {
				const raw = Buffer.concat(chunks).toString('utf8');
				const parsed = parseStoredMail(raw);
				const envelope = session.envelope;
				mails.push({
					from: envelope.mailFrom ? envelope.mailFrom.address : '',
					to: envelope.rcptTo.map((r) => r.address),
					subject: parsed.subject,
					text: parsed.text,
					raw
				});
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.server.address() as AddressInfo;
	const matches = (m: ReceivedMail, to: string, subject: string | RegExp) =>
		m.to.includes(to) && (typeof subject === 'string' ? m.subject === subject : subject.test(m.subject));

	return {
		url: `smtp://127.0.0.1:${port}`,
		mails,
		async waitFor(to, subject, timeoutMs = 30_000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const found = mails.find((m) => matches(m, to, subject));
				if (found) return found;
				if (Date.now() > deadline) {
					const seen = mails.map((m) => `  ${m.to.join(', ')}: ${m.subject}`).join('\n') || '  (none)';
					throw new Error(`No mail to ${to} with subject ${subject} within ${timeoutMs / 1000} s; the mail server received:\n${seen}`);
				}
				await new Promise((ok) => setTimeout(ok, 200));
			}
		},
		stop: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

/** The links in a mail's text, e.g. the tracking link or the "is it solved?" links. */
export function linksIn(mail: ReceivedMail): string[] {
	return mail.text.match(/https?:\/\/[^\s<>]+/g) ?? [];
}
