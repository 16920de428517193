// Configuration from environment variables, read and validated once at start. Every variable is documented in the
// README's configuration table with its default; the defaults run out of the box.
import { resolve } from 'node:path';
import { z } from 'zod';

const bool = z
	.enum(['true', 'false', '1', '0', 'yes', 'no'], 'must be true or false (1 or 0, yes or no also do)')
	.transform((v) => v === 'true' || v === '1' || v === 'yes');

/** A whole number written in digits, within bounds; the message says what is allowed (Zod's own names no range). */
const whole = (min: number, max: number, what = `a whole number from ${min} to ${max}`) =>
	z
		.string()
		.trim()
		.regex(/^\d+$/, `must be ${what}`)
		.transform(Number)
		.pipe(z.number().min(min, `must be ${what}`).max(max, `must be ${what}`));

const schema = z
	.object({
		PORT: whole(1, 65535, 'a port number from 1 to 65535').default(3000),
		HOST: z.string().default('0.0.0.0'),
		ORIGIN: z
			.url({ protocol: /^https?$/ })
			.refine(
				(v) => URL.canParse(v) && ['', '/'].includes(new URL(v).pathname) && !new URL(v).search && !new URL(v).hash,
				'must be an origin only, e.g. https://leefbaar.example.be (no path)'
			)
			.optional(),
		DATA_DIR: z.string().default('data'),
		DATABASE_URL: z
			.string()
			.optional()
			.refine((v) => !v || /^postgres(ql)?:\/\//.test(v) || v.startsWith('file:') || !v.includes('://'), 'must be postgres://… or a SQLite file path'),
		DATABASE_POOL_SIZE: whole(1, 200).default(10),
		DEMO_DATA: bool.default(true),
		SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be smtp://… or smtps://…, e.g. smtps://user:pass@smtp.example.be:465' }).optional(),
		MAIL_FROM: z.string().default('Leefbaar <noreply@leefbaar.local>'),
		SESSION_DAYS: whole(1, 365, 'a number of days from 1 to 365').default(14),
		MAP_TILES_URL: z.string().default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
		MAP_TILES_ATTRIBUTION: z.string().default('© OpenStreetMap'),
		MAX_UPLOAD_MB: z
			.string()
			.trim()
			.regex(/^\d+(\.\d+)?$/, 'must be a number of megabytes from 1 to 500, e.g. 50 or 2.5')
			.transform(Number)
			.pipe(
				z.number().min(1, 'must be a number of megabytes from 1 to 500, e.g. 50 or 2.5').max(500, 'must be a number of megabytes from 1 to 500, e.g. 50 or 2.5')
			)
			.default(50),
		INTAKE_RATE_LIMIT: whole(1, 10_000_000).default(30),
		OPEN311_RATE_LIMIT: whole(1, 10_000_000).default(2_000),
		LOG_LEVEL: z
			.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'must be one of fatal, error, warn, info, debug, trace, silent')
			.default('info'),
		JOBS: bool.default(true),
		SIGNAL_CONTACT_RETENTION_DAYS: whole(1, 3650, 'a number of days from 1 to 3650').default(365),
		OVERDUE_DIGEST_TIME: z
			.string()
			.trim()
			.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM (24 hours, Europe/Brussels), e.g. 07:00')
			.default('07:00'),
		// Read by adapter-node itself (event.getClientAddress()); checked here so a wrong value stops the server.
		ADDRESS_HEADER: z
			.string()
			.toLowerCase()
			.regex(/^[a-z0-9!#$%&'*+.^_`|~-]+$/, 'must be the name of one header, e.g. x-forwarded-for or x-real-ip')
			.optional(),
		XFF_DEPTH: whole(1, 20, 'a whole number from 1 to 20: how many proxies stand in front of Leefbaar').optional()
	})
	.superRefine((c, ctx) => {
		if (c.XFF_DEPTH !== undefined && c.ADDRESS_HEADER !== 'x-forwarded-for') {
			ctx.addIssue({ code: 'custom', path: ['XFF_DEPTH'], message: 'is only read with ADDRESS_HEADER=x-forwarded-for: set both, or neither' });
		}
	});

export type Config = {
	port: number;
	host: string;
	/**
	 * The public origin every absolute link is built from (mails, PDFs, QR codes, posters, feeds), never a request's
	 * Host header: a forged Host would otherwise put a stranger's address in a password-reset mail.
	 */
	origin: string;
	dataDir: string;
	databaseUrl?: string;
	sqlitePath: string;
	poolSize: number;
	demoData: boolean;
	smtpUrl?: string;
	mailFrom: string;
	sessionDays: number;
	mapTilesUrl: string;
	mapTilesAttribution: string;
	maxUploadBytes: number;
	/** Signals one client (address) may send per hour without an account. */
	intakeRateLimit: number;
	/** Requests one Open311 client (API key) may post per hour: a client such as FixMyStreet speaks for many residents. */
	open311RateLimit: number;
	logLevel: string;
	jobs: boolean;
	/** Days after a signal ended before its reporters' contact details are erased. */
	signalContactRetentionDays: number;
	/** From this time of day (HH:MM, Europe/Brussels) each person gets their daily digest of overdue signals. */
	overdueDigestTime: string;
	/**
	 * Behind a reverse proxy: the header the proxy puts the client's address in, and for X-Forwarded-For the number of
	 * proxies (the entry that many from the right counts). Every rate limit counts per client address.
	 */
	addressHeader?: string;
	xffDepth: number;
};

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
	const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
	if (!parsed.success) {
		const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
		throw new Error(`Leefbaar cannot start: the configuration is invalid.\n${lines}`);
	}
	const c = parsed.data;
	if (!c.ORIGIN && !c.DEMO_DATA) {
		throw new Error(
			'Leefbaar cannot start: the configuration is invalid.\n  ORIGIN: required when DEMO_DATA=false. Set it to the public address of this site, e.g. ORIGIN=https://leefbaar.example.be: links in mails are built from it.'
		);
	}
	const dataDir = resolve(c.DATA_DIR);
	const isPg = !!c.DATABASE_URL && /^postgres(ql)?:\/\//.test(c.DATABASE_URL);
	const sqliteFile = !isPg && c.DATABASE_URL ? c.DATABASE_URL.replace(/^file:/, '') : resolve(dataDir, 'leefbaar.sqlite');
	return {
		port: c.PORT,
		host: c.HOST,
		origin: c.ORIGIN ? new URL(c.ORIGIN).origin : `http://localhost:${c.PORT}`,
		dataDir,
		databaseUrl: isPg ? c.DATABASE_URL : undefined,
		sqlitePath: sqliteFile,
		poolSize: c.DATABASE_POOL_SIZE,
		demoData: c.DEMO_DATA,
		smtpUrl: c.SMTP_URL,
		mailFrom: c.MAIL_FROM,
		sessionDays: c.SESSION_DAYS,
		mapTilesUrl: c.MAP_TILES_URL,
		mapTilesAttribution: c.MAP_TILES_ATTRIBUTION,
		maxUploadBytes: Math.round(c.MAX_UPLOAD_MB * 1024 * 1024),
		intakeRateLimit: c.INTAKE_RATE_LIMIT,
		open311RateLimit: c.OPEN311_RATE_LIMIT,
		logLevel: c.LOG_LEVEL,
		jobs: c.JOBS,
		signalContactRetentionDays: c.SIGNAL_CONTACT_RETENTION_DAYS,
		overdueDigestTime: c.OVERDUE_DIGEST_TIME,
		addressHeader: c.ADDRESS_HEADER,
		xffDepth: c.XFF_DEPTH ?? 1
	};
}
