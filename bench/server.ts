// Starts the built app (`node scripts/serve.js`) for a bench run, waits until it answers, and stops it again. Every
// server started here is remembered, so an error or Ctrl-C still stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export type RunningServer = { origin: string; pid: number; stop(): Promise<void> };

const running = new Set<ChildProcess>();

export type ServerOptions = {
	port: number;
	buildDir: string;
	dataDir: string;
	databaseUrl?: string;
	startTimeoutMs?: number;
	env?: Record<string, string>;
	/** Extra node flags, e.g. `--cpu-prof` to profile the server. */ nodeArgs?: string[];
};

/** True when nothing listens on the port: otherwise the bench would measure someone else's server. */
function portIsFree(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const probe = createServer();
		probe.once('error', () => resolve(false));
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
	});
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
	const origin = `http://127.0.0.1:${options.port}`;
	if (!(await portIsFree(options.port))) throw new Error(`port ${options.port} is already in use: stop what listens there (the bench uses 3220 and 3221)`);
	const env: NodeJS.ProcessEnv = {
		PATH: process.env.PATH,
		HOME: process.env.HOME,
		NODE_ENV: 'production',
		BUILD_DIR: options.buildDir,
		DATA_DIR: options.dataDir,
		PORT: String(options.port),
		HOST: '127.0.0.1',
		DEMO_DATA: 'false',
		// A real installation names its public address; the bench's own.
		ORIGIN: `http://127.0.0.1:${options.port}`,
		JOBS: 'false',
		LOG_LEVEL: 'warn'
	};
	if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
	Object.assign(env, options.env);
	const child = spawn(process.execPath, [...(options.nodeArgs ?? []), 'scripts/serve.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	running.add(child);
	let output = '';
	const keep = (chunk: Buffer) => {
		output = (output + chunk.toString()).slice(-4000);
	};
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	child.once('exit', () => running.delete(child));

	const stop = async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
		await exited;
		clearTimeout(timer);
	};

	const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`the server stopped while starting (exit ${child.exitCode}):\n${output}`);
		try {
			const res = await fetch(`${origin}/favicon.svg`, { signal: AbortSignal.timeout(2000) });
			await res.arrayBuffer();
			if (res.ok && child.exitCode === null) return { origin, pid: child.pid!, stop };
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	await stop();
	throw new Error(`the server did not answer within ${(options.startTimeoutMs ?? 60_000) / 1000} s:\n${output}`);
}

/** Stops every server still running; for the exit and signal handlers. */
export function stopAllServers(): void {
	for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
	running.clear();
}
