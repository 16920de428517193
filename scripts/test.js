// `npm test`: runs the lint and the type check, builds the app (HTTP and browser tests run against the real production
// build), runs the unit, integration and HTTP tests, then the browser tests, and ends with the totals alone on a line:
// "N passed, N failed" (read from the runners' JSON reports). Under CI=true a skipped test counts as a failure.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const ci = process.env.CI === 'true';
// `--unit-only`: the unit and integration tests alone (src, scripts, bench, tests/sql: both databases, no server, no browser),
// without the lint, the type check and the build. CI runs them so on the oldest supported Node.
const unitOnly = process.argv.includes('--unit-only');
const extra = process.argv.slice(2).filter((a) => a !== '--unit-only');
mkdirSync('test-results', { recursive: true });

let passed = 0;
let failed = 0;
let skipped = 0;
let exitCode = 0;

// The static checks count as two tests each run: the lint (boundaries, ESLint's rules, Prettier's format) and the
// type check of every .ts and .svelte file. Either failing fails the run.
for (const check of unitOnly
	? []
	: [
			{ name: 'lint (npm run lint)', command: 'npm', args: ['run', '--silent', 'lint'] },
			{ name: 'types (svelte-check)', command: 'npm', args: ['run', '--silent', 'check', '--', '--fail-on-warnings'] }
		]) {
	console.log(`\n=== ${check.name} ===`);
	const run = spawnSync(check.command, check.args, { stdio: 'inherit' });
	if (run.status === 0) passed += 1;
	else {
		console.error(`${check.name} failed.`);
		failed += 1;
		exitCode = 1;
	}
}

if (!unitOnly) {
	console.log('Building the app for the HTTP and browser tests…');
	execSync('npx vite build', { stdio: ['ignore', 'ignore', 'inherit'] });
}

const suites = unitOnly
	? [{ name: 'unit and integration', config: 'vite.config.ts', report: 'test-results/unit-only.json', only: ['src', 'scripts', 'bench', 'tests/sql'] }]
	: [
			{ name: 'unit, integration and HTTP', config: 'vite.config.ts', report: 'test-results/unit.json', only: [] },
			{ name: 'browser (e2e)', config: 'vitest.e2e.config.ts', report: 'test-results/e2e.json', only: [] }
		];

for (const suite of suites) {
	if (!existsSync(suite.config)) continue;
	rmSync(suite.report, { force: true });
	console.log(`\n=== ${suite.name} ===`);
	const run = spawnSync(
		'npx',
		['vitest', 'run', ...suite.only, '--config', suite.config, '--reporter=default', '--reporter=json', `--outputFile.json=${suite.report}`, ...extra],
		{ stdio: 'inherit' }
	);
	if (run.status !== 0) exitCode = 1;
	if (!existsSync(suite.report)) {
		console.error(`No report from the ${suite.name} tests: counting the run as failed.`);
		failed += 1;
		exitCode = 1;
		continue;
	}
	const report = JSON.parse(readFileSync(suite.report, 'utf8'));
	passed += report.numPassedTests;
	failed += report.numFailedTests;
	skipped += report.numPendingTests + (report.numTodoTests ?? 0);
	// A file that fails to load has no failed test but is a failure all the same.
	const brokenFiles = (report.testResults ?? []).filter((f) => f.status === 'failed' && f.assertionResults.every((a) => a.status !== 'failed')).length;
	failed += brokenFiles;
}
if (ci && skipped > 0) {
	console.error(`${skipped} test(s) were skipped, which CI=true does not allow.`);
	failed += skipped;
	exitCode = 1;
}
if (failed > 0) exitCode = 1;
console.log(`\n${passed} passed, ${failed} failed${skipped && !ci ? `, ${skipped} skipped` : ''}`);
process.exit(exitCode);
