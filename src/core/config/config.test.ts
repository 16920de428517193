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
