// `npm start`: builds Leefbaar when the build is missing or older than the source, then serves it. The server
// migrates the database and loads the demo data on an empty database (DEMO_DATA=false turns that off).
import { execSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(path) {
	const s = statSync(path);
	if (!s.isDirectory()) return s.mtimeMs;
	let newest = s.mtimeMs;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
	return newest;
}

const buildEntry = 'build/handler.js';
const sources = ['src', 'static', 'package.json', 'svelte.config.js', 'vite.config.ts'].filter((p) => existsSync(p));
const stale = !existsSync(buildEntry) || Math.max(...sources.map(newestMtime)) > statSync(buildEntry).mtimeMs;
if (stale) {
	console.log('Building Leefbaar (first start or changed source)…');
	// SvelteKit's generated tsconfig, which ours extends, must exist before Vite reads its config (a fresh clone installed
	// without scripts has none yet).
	if (!existsSync(join(process.env.KIT_OUT_DIR || '.svelte-kit', 'tsconfig.json'))) execSync('npx svelte-kit sync', { stdio: ['ignore', 'ignore', 'inherit'] });
	execSync('npx vite build', { stdio: ['ignore', 'ignore', 'inherit'] });
}
const port = process.env.PORT ?? '3000';
const child = spawn(process.execPath, ['scripts/serve.js'], {
	stdio: 'inherit',
	env: { ...process.env, PORT: port, BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT ?? `${Math.round(Number(process.env.MAX_UPLOAD_MB ?? 50) * 1024 * 1024)}` }
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
