// Sends mail over SMTP when SMTP_URL is set; otherwise writes each mail as an .eml file under DATA_DIR/outbox, which
// the dev mailbox page lists. Works out of the box, real in production.
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { newId } from '../db';
import type { Mail } from './outbox';

export type MailTransport = { send(mail: Mail): Promise<void>; close(): void; readonly kind: 'smtp' | 'files' };

export function createMailTransport(options: { smtpUrl?: string; from: string; outboxDir: string }): MailTransport {
	if (options.smtpUrl) {
		const transporter = nodemailer.createTransport(options.smtpUrl);
		return {
			kind: 'smtp',
			async send(mail) {
				await transporter.sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
			},
			close: () => transporter.close()
		};
	}
	const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
	return {
		kind: 'files',
		async send(mail) {
			const info = await transporter.sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
			// Mails carry reset and tracking links: only the server's own user may read them (0700 folder, 0600 files),
			// also when the folder was made earlier with looser rights.
			mkdirSync(options.outboxDir, { recursive: true, mode: 0o700 });
			chmodSync(options.outboxDir, 0o700);
			writeFileSync(join(options.outboxDir, `${newId()}.eml`), info.message as Buffer, { mode: 0o600 });
		},
		close: () => transporter.close()
	};
}

export type StoredMail = { id: string; to: string; subject: string; date: string; text: string };

/**
 * The paths whose last segment is a secret: whoever holds the link may set a password, accept an invitation, read a
 * resident's report, answer for a partner or "solved?", or answer a survey as a household.
 */
const SECRET_LINK = /(https?:\/\/[^\s<>"]*?\/(?:password\/reset|invitation|volgen|partner|opgelost|enquete\/c)\/)[^\s<>"/?#]+([^\s<>"]*)/g;

/** A mail's text with the secret in every link replaced by dots, for a mailbox shown to someone the mail is not for. */
export function maskSecretLinks(text: string): string {
	return text.replace(SECRET_LINK, (_, path: string, rest: string) => `${path}•••${rest}`);
}

/** The dev mailbox: mails written to DATA_DIR/outbox, newest first. */
export function readFileMailbox(outboxDir: string, limit = 50): StoredMail[] {
	let files: string[];
	try {
		files = readdirSync(outboxDir).filter((f) => f.endsWith('.eml'));
	} catch {
		return [];
	}
	return files
		.sort()
		.reverse()
		.slice(0, limit)
		.map((file) => ({ id: file.replace(/\.eml$/, ''), ...parseStoredMail(readFileSync(join(outboxDir, file), 'utf8')) }));
}

/** Headers and text of a single-part mail as nodemailer writes it (files here, SMTP DATA in tests). */
export function parseStoredMail(raw: string): Omit<StoredMail, 'id'> {
	const [head, ...body] = raw.replace(/\r\n/g, '\n').split('\n\n');
	const unfolded = head.replace(/\n[ \t]+/g, ' ');
	const header = (name: string) => decodeHeader(unfolded.match(new RegExp(`^${name}: (.*)$`, 'mi'))?.[1] ?? '');
	return { to: header('To'), subject: header('Subject'), date: header('Date'), text: decodeBody(unfolded, body.join('\n\n')) };
}

function decodeHeader(value: string): string {
	// Adjacent encoded words of a folded header join without the space between them (RFC 2047).
	return value
		.replace(/\?=\s+=\?/g, '?==?')
		.replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
			enc.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' '))
		);
}

function decodeQuotedPrintable(text: string): string {
	const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
	return Buffer.from(bytes, 'latin1').toString('utf8');
}

function decodeBody(head: string, body: string): string {
	if (/Content-Transfer-Encoding: quoted-printable/i.test(head)) return decodeQuotedPrintable(body);
	if (/Content-Transfer-Encoding: base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
	return body;
}
