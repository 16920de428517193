// A tenant's report that the server acknowledged survives the server being killed: SIGKILL in the middle of an intake
// load (resident form posts and Open311 POSTs), restart on the same data, and every acknowledged signal is there
// whole — reporter, "created" event, audit entry, receipt mail. On SQLite, and on PostgreSQL when it runs.
import { describe, expect, it } from 'vitest';
import { freshDatabase, testDialects } from '../../src/core/db/testing';
import { crashIntake } from '../../bench/crash-intake';
import { buildDir } from '../support/server';

describe('killing the server during an intake load', () => {
	for (const dialect of testDialects()) {
		it(`loses no acknowledged signal and leaves none half-written (${dialect})`, { timeout: 90_000 }, async () => {
			const pg = dialect === 'postgres' ? await freshDatabase('postgres') : null;
			try {
				const result = await crashIntake({ buildDir: buildDir(), databaseUrl: pg?.url, loadMs: 2500, concurrency: 6 });
				expect(result.restartedOk).toBe(true);
				// The kill came in the middle of the load: answers had come back, and requests were still waiting.
				expect(result.acknowledged.form).toBeGreaterThan(0);
				expect(result.acknowledged.open311).toBeGreaterThan(0);
				expect(result.missing).toEqual([]);
				expect(result.halfWritten).toEqual([]);
				expect(result.signalsAfterRestart).toBeGreaterThanOrEqual(result.acknowledged.form + result.acknowledged.open311);
			} finally {
				await pg?.dispose();
			}
		});
	}
});
