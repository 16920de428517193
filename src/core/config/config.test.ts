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
