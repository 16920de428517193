// `npm run test:security -- http://host:port`: the hostile walk (tests/security/) against a running Leefbaar with the
// demo data. It signs in as the demo users, sends wrong passwords and forged requests: point it only at a demo
// server. Files run one after the other, sign-in guessing last, since it leaves this client's address blocked for a
// while. Without a URL it starts the production build itself, as `npm test` does.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const url = process.argv[2];
if (url && !/^https?:\/\/[^/]+\/?$/.test(url)) {
	console.error('Usage: npm run test:security -- http://host:port   (the origin of a demo server)');
	process.exit(2);
}
const files = readdirSync('tests/security')
	.filter((f) => f.endsWith('.test.ts'))
	.sort((a, b) => Number(a.startsWith('sign-in')) - Number(b.startsWith('sign-in')) || a.localeCompare(b));
let status = 0;
for (const file of files) {
	const run = spawnSync('npx', ['vitest', 'run', '--config', 'vite.config.ts', `tests/security/${file}`], {
		stdio: 'inherit',
		env: { ...process.env, ...(url ? { SECURITY_TARGET: url } : {}) }
	});
	if (run.status !== 0) status = 1;
}
process.exit(status);
