// `npm run sql:snapshots`: writes the SQL of the hot queries, on SQLite and PostgreSQL, to src/core/<module>/sql/
// (docs/architecture.md, "The hot queries"). It is the snapshot test (tests/sql/sql-snapshots.test.ts) in writing
// mode: the same fresh databases and the same calls as the check, so what it writes is what the check expects.
import { spawnSync } from 'node:child_process';

const run = spawnSync('npx', ['vitest', 'run', 'tests/sql/sql-snapshots.test.ts', ...process.argv.slice(2)], {
	stdio: 'inherit',
	env: { ...process.env, SQL_SNAPSHOTS: 'write' }
});
process.exit(run.status ?? 1);
