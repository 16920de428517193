import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('the public origin links are built from', () => {
	it('is http://localhost:<PORT> for the demo, so links work out of the box', () => {
		expect(loadConfig({}).origin).toBe('http://localhost:3000');
		expect(loadConfig({ PORT: '8080' }).origin).toBe('http://localhost:8080');
	});

	it('must be set for a real installation: the error names ORIGIN', () => {
		expect(() => loadConfig({ DEMO_DATA: 'false' })).toThrow(/ORIGIN: required when DEMO_DATA=false/);
		expect(loadConfig({ DEMO_DATA: 'false', ORIGIN: 'https://leefbaar.example.be' }).origin).toBe('https://leefbaar.example.be');
	});

	it('is an origin only: a trailing slash is dropped, a path or another scheme is refused', () => {
		expect(loadConfig({ ORIGIN: 'https://leefbaar.example.be/' }).origin).toBe('https://leefbaar.example.be');
		expect(() => loadConfig({ ORIGIN: 'https://leefbaar.example.be/app' })).toThrow(/ORIGIN/);
		expect(() => loadConfig({ ORIGIN: 'ftp://leefbaar.example.be' })).toThrow(/ORIGIN/);
		expect(() => loadConfig({ ORIGIN: 'leefbaar.example.be' })).toThrow(/ORIGIN/);
	});
});

describe('the client address behind a reverse proxy', () => {
	it('is the connection’s own address unless ADDRESS_HEADER names the header the proxy sets', () => {
		expect(loadConfig({})).toMatchObject({ addressHeader: undefined, xffDepth: 1 });
		expect(loadConfig({ ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '2' })).toMatchObject({ addressHeader: 'x-forwarded-for', xffDepth: 2 });
		expect(loadConfig({ ADDRESS_HEADER: 'x-real-ip' })).toMatchObject({ addressHeader: 'x-real-ip', xffDepth: 1 });
	});

	it('stops the server on a value that would make every resident one client, or count the wrong one, naming the variable', () => {
		expect(() => loadConfig({ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '0' })).toThrow(/XFF_DEPTH: /);
		expect(() => loadConfig({ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1.5' })).toThrow(/XFF_DEPTH: /);
		expect(() => loadConfig({ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: 'twee' })).toThrow(/XFF_DEPTH: /);
		// XFF_DEPTH alone does nothing: whoever set it believes the proxy is taken into account, and it is not.
		expect(() => loadConfig({ XFF_DEPTH: '1' })).toThrow(/XFF_DEPTH: .*ADDRESS_HEADER=x-forwarded-for/);
		expect(() => loadConfig({ ADDRESS_HEADER: 'x-real-ip', XFF_DEPTH: '2' })).toThrow(/XFF_DEPTH: .*ADDRESS_HEADER=x-forwarded-for/);
		expect(() => loadConfig({ ADDRESS_HEADER: 'X-Forwarded-For, X-Real-IP' })).toThrow(/ADDRESS_HEADER: /);
		expect(() => loadConfig({ ADDRESS_HEADER: 'x-forwarded-for:' })).toThrow(/ADDRESS_HEADER: /);
		expect(() => loadConfig({ ADDRESS_HEADER: 'x-forwarded-for ' })).toThrow(/ADDRESS_HEADER: /);
	});
});

describe('the time of the daily digest of overdue signals', () => {
	it('is 07:00 in Brussels unless set; a time that is not HH:MM stops the server with the variable named', () => {
		expect(loadConfig({}).overdueDigestTime).toBe('07:00');
		expect(loadConfig({ OVERDUE_DIGEST_TIME: '08:30' }).overdueDigestTime).toBe('08:30');
		expect(() => loadConfig({ OVERDUE_DIGEST_TIME: '7' })).toThrow(/OVERDUE_DIGEST_TIME: must be a time of day as HH:MM/);
		expect(() => loadConfig({ OVERDUE_DIGEST_TIME: '24:00' })).toThrow(/OVERDUE_DIGEST_TIME/);
	});
});

describe('the defaults run out of the box', () => {
	it('gives a demo on SQLite in ./data with every documented default', () => {
		const c = loadConfig({});
		expect(c).toMatchObject({
			port: 3000,
			host: '0.0.0.0',
			dataDir: resolve('data'),
			databaseUrl: undefined,
			sqlitePath: resolve('data', 'leefbaar.sqlite'),
			poolSize: 10,
			demoData: true,
			smtpUrl: undefined,
			mailFrom: 'Leefbaar <noreply@leefbaar.local>',
			sessionDays: 14,
			mapTilesUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
			mapTilesAttribution: '© OpenStreetMap',
			maxUploadBytes: 50 * 1024 * 1024,
			intakeRateLimit: 30,
			open311RateLimit: 2000,
			logLevel: 'info',
			jobs: true,
			signalContactRetentionDays: 365,
			overdueDigestTime: '07:00'
		});
	});

	it('takes an empty variable as unset, as a shell line `PORT= npm start` means', () => {
		expect(loadConfig({ PORT: '', DATABASE_URL: '', SMTP_URL: '', JOBS: '' })).toMatchObject({
			port: 3000,
			databaseUrl: undefined,
			smtpUrl: undefined,
			jobs: true
		});
	});

	it('takes every value an operator sets', () => {
		const c = loadConfig({
			PORT: '8080',
			HOST: '127.0.0.1',
			DATA_DIR: '/srv/leefbaar',
			DATABASE_POOL_SIZE: '25',
			MAIL_FROM: 'Wijkwerking <wijk@example.be>',
			SESSION_DAYS: '30',
			MAP_TILES_URL: 'https://{s}.tiles.example.be/{z}/{x}/{y}.png',
			MAP_TILES_ATTRIBUTION: '© Stad',
			MAX_UPLOAD_MB: '2.5',
			INTAKE_RATE_LIMIT: '100',
			OPEN311_RATE_LIMIT: '5000',
			LOG_LEVEL: 'debug',
			SIGNAL_CONTACT_RETENTION_DAYS: '730'
		});
		expect(c).toMatchObject({
			port: 8080,
			host: '127.0.0.1',
			dataDir: '/srv/leefbaar',
			sqlitePath: '/srv/leefbaar/leefbaar.sqlite',
			poolSize: 25,
			mailFrom: 'Wijkwerking <wijk@example.be>',
			sessionDays: 30,
			mapTilesUrl: 'https://{s}.tiles.example.be/{z}/{x}/{y}.png',
			mapTilesAttribution: '© Stad',
			maxUploadBytes: Math.round(2.5 * 1024 * 1024),
			intakeRateLimit: 100,
			open311RateLimit: 5000,
			logLevel: 'debug',
			signalContactRetentionDays: 730
		});
	});
});

describe('the database', () => {
	it('is PostgreSQL for a postgres:// or postgresql:// URL', () => {
		expect(loadConfig({ DATABASE_URL: 'postgres://leefbaar:secret@db.example.be:5432/leefbaar' })).toMatchObject({
			databaseUrl: 'postgres://leefbaar:secret@db.example.be:5432/leefbaar'
		});
		expect(loadConfig({ DATABASE_URL: 'postgresql://db.example.be/leefbaar' }).databaseUrl).toBe('postgresql://db.example.be/leefbaar');
	});

	it('is a SQLite file for a path or a file: URL, instead of the one in DATA_DIR', () => {
		expect(loadConfig({ DATABASE_URL: '/var/lib/leefbaar/wijk.sqlite' })).toMatchObject({
			databaseUrl: undefined,
			sqlitePath: '/var/lib/leefbaar/wijk.sqlite'
		});
		expect(loadConfig({ DATABASE_URL: 'file:/var/lib/leefbaar/wijk.sqlite' })).toMatchObject({
			databaseUrl: undefined,
			sqlitePath: '/var/lib/leefbaar/wijk.sqlite'
		});
		expect(loadConfig({ DATA_DIR: '/srv/wijk' }).sqlitePath).toBe('/srv/wijk/leefbaar.sqlite');
	});

	it('refuses another kind of database, naming DATABASE_URL', () => {
		expect(() => loadConfig({ DATABASE_URL: 'mysql://db.example.be/leefbaar' })).toThrow(/DATABASE_URL: must be postgres:\/\/… or a SQLite file path/);
		expect(() => loadConfig({ DATABASE_URL: 'https://db.example.be' })).toThrow(/DATABASE_URL: /);
	});
});

describe('mail', () => {
	it('goes to the outbox folder without SMTP_URL, and over SMTP with an smtp:// or smtps:// URL', () => {
		expect(loadConfig({}).smtpUrl).toBeUndefined();
		expect(loadConfig({ SMTP_URL: 'smtps://user:pass@smtp.example.be:465' }).smtpUrl).toBe('smtps://user:pass@smtp.example.be:465');
		expect(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' }).smtpUrl).toBe('smtp://127.0.0.1:2525');
	});

	it('refuses an SMTP_URL that is no smtp:// or smtps:// URL, rather than fail at the first mail', () => {
		expect(() => loadConfig({ SMTP_URL: 'smtp.example.be' })).toThrow(/SMTP_URL: must be smtp:\/\/… or smtps:\/\/…/);
		expect(() => loadConfig({ SMTP_URL: 'https://smtp.example.be' })).toThrow(/SMTP_URL: /);
	});
});

describe('switches (DEMO_DATA, JOBS)', () => {
	it('read true/false, 1/0 and yes/no', () => {
		for (const [value, on] of [
			['true', true],
			['1', true],
			['yes', true],
			['false', false],
			['0', false],
			['no', false]
		] as const) {
			expect(loadConfig({ JOBS: value }).jobs, `JOBS=${value}`).toBe(on);
			expect(loadConfig({ DEMO_DATA: value, ORIGIN: 'https://leefbaar.example.be' }).demoData, `DEMO_DATA=${value}`).toBe(on);
		}
	});

	it('refuse anything else, naming the variable and what it takes', () => {
		expect(() => loadConfig({ JOBS: 'on' })).toThrow(/JOBS: must be true or false/);
		expect(() => loadConfig({ DEMO_DATA: 'maybe' })).toThrow(/DEMO_DATA: must be true or false/);
	});
});

describe('numbers', () => {
	const refused: [string, string, RegExp][] = [
		['PORT', 'abc', /PORT: must be a port number from 1 to 65535/],
		['PORT', '0', /PORT: must be a port number from 1 to 65535/],
		['PORT', '70000', /PORT: must be a port number from 1 to 65535/],
		['PORT', '80.5', /PORT: must be a port number/],
		['PORT', '0x50', /PORT: must be a port number/],
		['DATABASE_POOL_SIZE', '0', /DATABASE_POOL_SIZE: must be a whole number from 1 to 200/],
		['DATABASE_POOL_SIZE', '201', /DATABASE_POOL_SIZE: must be a whole number from 1 to 200/],
		['SESSION_DAYS', '0', /SESSION_DAYS: must be a number of days from 1 to 365/],
		['SESSION_DAYS', '400', /SESSION_DAYS: must be a number of days from 1 to 365/],
		['MAX_UPLOAD_MB', '0.5', /MAX_UPLOAD_MB: must be a number of megabytes from 1 to 500/],
		['MAX_UPLOAD_MB', '501', /MAX_UPLOAD_MB: must be a number of megabytes from 1 to 500/],
		['MAX_UPLOAD_MB', '50MB', /MAX_UPLOAD_MB: must be a number of megabytes/],
		['INTAKE_RATE_LIMIT', '-1', /INTAKE_RATE_LIMIT: must be a whole number from 1 to 10000000/],
		['INTAKE_RATE_LIMIT', '0', /INTAKE_RATE_LIMIT: must be a whole number/],
		['OPEN311_RATE_LIMIT', 'veel', /OPEN311_RATE_LIMIT: must be a whole number/],
		['OPEN311_RATE_LIMIT', '10000001', /OPEN311_RATE_LIMIT: must be a whole number from 1 to 10000000/],
		['SIGNAL_CONTACT_RETENTION_DAYS', '0', /SIGNAL_CONTACT_RETENTION_DAYS: must be a number of days from 1 to 3650/],
		['SIGNAL_CONTACT_RETENTION_DAYS', '3651', /SIGNAL_CONTACT_RETENTION_DAYS: must be a number of days from 1 to 3650/]
	];
	it.each(refused)('%s=%s stops the server with the variable named and the range it takes', (name, value, message) => {
		expect(() => loadConfig({ [name]: value })).toThrow(message);
	});

	it('are read at both ends of their range, with spaces around them ignored', () => {
		expect(loadConfig({ PORT: '1', SESSION_DAYS: '365', MAX_UPLOAD_MB: '500', DATABASE_POOL_SIZE: ' 200 ' })).toMatchObject({
			port: 1,
			sessionDays: 365,
			maxUploadBytes: 500 * 1024 * 1024,
			poolSize: 200
		});
		expect(loadConfig({ PORT: '65535', SIGNAL_CONTACT_RETENTION_DAYS: '3650' })).toMatchObject({ port: 65535, signalContactRetentionDays: 3650 });
	});

	it('name every wrong variable at once, so one restart fixes them all', () => {
		const error = (() => {
			try {
				loadConfig({ PORT: 'x', SESSION_DAYS: '0', LOG_LEVEL: 'verbose' });
			} catch (e) {
				return (e as Error).message;
			}
		})();
		expect(error).toMatch(/^Leefbaar cannot start: the configuration is invalid\./);
		expect(error).toMatch(/PORT: /);
		expect(error).toMatch(/SESSION_DAYS: /);
		expect(error).toMatch(/LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent/);
	});
});

describe('the origin, more strictly', () => {
	it('refuses a query or a fragment, which links would carry along', () => {
		expect(() => loadConfig({ ORIGIN: 'https://leefbaar.example.be?x=1' })).toThrow(/ORIGIN: must be an origin only/);
		expect(() => loadConfig({ ORIGIN: 'https://leefbaar.example.be#top' })).toThrow(/ORIGIN: must be an origin only/);
	});

	it('keeps a port and plain http (a site inside a network, or a test server)', () => {
		expect(loadConfig({ ORIGIN: 'http://127.0.0.1:41234' }).origin).toBe('http://127.0.0.1:41234');
		expect(loadConfig({ ORIGIN: 'https://leefbaar.example.be:8443/' }).origin).toBe('https://leefbaar.example.be:8443');
	});

	it('with DEMO_DATA=false and ORIGIN set, is a real installation that starts', () => {
		expect(loadConfig({ DEMO_DATA: 'no', ORIGIN: 'https://leefbaar.example.be' })).toMatchObject({ demoData: false, origin: 'https://leefbaar.example.be' });
	});
});
