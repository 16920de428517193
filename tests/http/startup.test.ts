// Someone clones Leefbaar and runs `npm start`: the terminal says where Leefbaar listens and how to sign in, in plain
// lines with no warning and no JSON log record among them; the next day they start it again and still see the logins.
// The README names the same logins. (The build's own warnings: src/lib/svelte-warnings.test.ts and `npm run check`.)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../../src/core/demo/data';
import { buildDir, freePort, ROOT } from '../support/server';

/** Starts the built server as `npm start` does, waits until it answers, stops it, and gives what it printed. */
async function startOnce(dataDir: string, env: Record<string, string> = {}): Promise<{ port: number; stdout: string; stderr: string }> {
	const port = await freePort();
	const { ORIGIN: _origin, DATABASE_URL: _database, ...inherited } = process.env as Record<string, string>;
	const child = spawn(process.execPath, ['scripts/serve.js'], {
		cwd: ROOT,
		env: { ...inherited, BUILD_DIR: buildDir(), DATA_DIR: dataDir, PORT: String(port), JOBS: 'false', NODE_ENV: 'production', LOG_LEVEL: 'info', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk) => (stdout += chunk));
	child.stderr.on('data', (chunk) => (stderr += chunk));
	const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
	try {
		const deadline = Date.now() + 120_000;
		for (;;) {
			if (child.exitCode !== null) throw new Error(`the server stopped:\n${stdout}\n${stderr}`);
			if (Date.now() > deadline) throw new Error(`the server did not answer:\n${stdout}\n${stderr}`);
			const answered = await fetch(`http://127.0.0.1:${port}/`, { redirect: 'manual' }).then(
				(r) => r.status < 500,
				() => false
			);
			if (answered) break;
			await new Promise((ok) => setTimeout(ok, 200));
		}
	} finally {
		child.kill('SIGTERM');
		await exited;
	}
	return { port, stdout, stderr };
}

const loginLines = DEMO_LOGINS.map((l) => expect.stringMatching(new RegExp(`^  ${l.email.replaceAll('.', '\\.')} +${l.name}, `)));

describe.runIf(existsSync(join(buildDir(), 'handler.js')))('npm start', () => {
	// A data directory per test: a "later start" puts its own demo data in place first, so no test depends on another
	// having started the server in the same directory before it.
	const dataDirs: string[] = [];
	const newDataDir = () => {
		const dir = mkdtempSync(join(tmpdir(), 'leefbaar-start-'));
		dataDirs.push(dir);
		return dir;
	};
	afterAll(() => {
		for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
	});

	it('on a fresh clone: the address it listens on, then the demo logins in order, as plain lines without warnings', async () => {
		const { port, stdout, stderr } = await startOnce(newDataDir());
		expect(stderr).toBe('');
		const lines = stdout.split('\n');
		const upToLogins = lines.slice(0, 4 + DEMO_LOGINS.length);
		expect(upToLogins).toEqual([
			`Leefbaar listens on http://localhost:${port}`,
			'Loading the demo data (on the first start only)…',
			'Demo data loaded.',
			`Demo logins (password for all: ${DEMO_PASSWORD}):`,
			...loginLines
		]);
		// Afterwards only the JSON log (one record per request), never a warning.
		for (const line of lines.slice(upToLogins.length).filter(Boolean)) expect(JSON.parse(line).level, line).toBeLessThan(40);
	}, 180_000);

	it('on a later start with the demo data in place: the logins again; with ORIGIN set, that address too', async () => {
		const dataDir = newDataDir();
		expect((await startOnce(dataDir)).stdout).toContain('Demo data loaded.');
		const { port, stdout, stderr } = await startOnce(dataDir, { ORIGIN: 'https://leefbaar.example.be', HOST: '127.0.0.1' });
		expect(stderr).toBe('');
		expect(stdout.split('\n').slice(0, 3 + DEMO_LOGINS.length)).toEqual([
			`Leefbaar listens on http://127.0.0.1:${port}`,
			'Public address (ORIGIN): https://leefbaar.example.be',
			`Demo logins (password for all: ${DEMO_PASSWORD}):`,
			...loginLines
		]);
	}, 300_000);

	it('says what is wrong when the port is taken, without a stack trace', async () => {
		const { createServer } = await import('node:net');
		const blocker = createServer();
		const port = await freePort();
		await new Promise<void>((ok) => blocker.listen(port, ok));
		try {
			const child = spawn(process.execPath, ['scripts/serve.js'], {
				cwd: ROOT,
				env: { ...process.env, BUILD_DIR: buildDir(), DATA_DIR: newDataDir(), PORT: String(port), JOBS: 'false' },
				stdio: ['ignore', 'pipe', 'pipe']
			});
			let stderr = '';
			child.stderr.on('data', (chunk) => (stderr += chunk));
			const code = await new Promise<number | null>((ok) => child.once('exit', ok));
			expect(code).toBe(1);
			expect(stderr.trim()).toBe(`Leefbaar cannot start: port ${port} is in use. Set PORT to a free port.`);
		} finally {
			blocker.close();
		}
	});
});

describe('the README', () => {
	it('lists every demo login, in the order npm start prints them', () => {
		const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
		const at = DEMO_LOGINS.map((l) => readme.indexOf(`| ${l.email} | ${l.name} |`));
		expect(
			at.every((i) => i > 0),
			DEMO_LOGINS.filter((_, i) => at[i] < 0)
				.map((l) => l.email)
				.join(', ')
		).toBe(true);
		expect([...at].sort((a, b) => a - b)).toEqual(at);
		expect(readme).toContain(`Password for all: \`${DEMO_PASSWORD}\``);
	});
});
