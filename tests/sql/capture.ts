// Runs the hot paths (hot-paths.ts) on a fresh database of one dialect and gives the text of each committed SQL file.
// On PostgreSQL the pool holds one connection, so that calls running queries side by side (Promise.all) run them
// one after the other in the same order each time: the files must not change between runs.
import type { Dialect } from '../../src/core/db/dialect';
import type { ObservedQuery } from '../../src/core/db/query-log';
import { freshDatabase } from '../../src/core/db/testing';
import { runHotPaths, SNAPSHOT_FILES, type SnapshotFile } from './hot-paths';
import { snapshotText, type CapturedCall } from './snapshot-files';

/** Where a file lives, from the repository's root. */
export const snapshotPath = (file: SnapshotFile, dialect: Dialect) => {
	const [module, name] = file.split('/');
	return `src/core/${module}/sql/${name}.${dialect}.sql`;
};

/** Path → the file's text, for every file of SNAPSHOT_FILES. */
export async function generateSnapshots(dialect: Dialect): Promise<Map<string, string>> {
	let current: ObservedQuery[] | null = null;
	const handle = await freshDatabase(dialect, { poolSize: 1, observeQueries: (q) => current?.push(q) });
	const calls = new Map<SnapshotFile, CapturedCall[]>(SNAPSHOT_FILES.map((f) => [f, []]));
	try {
		await runHotPaths(handle.db, async (file, call, work) => {
			if (current) throw new Error(`${call} was captured inside another call`);
			const statements: ObservedQuery[] = (current = []);
			try {
				return await work();
			} finally {
				current = null;
				calls.get(file)!.push({ call, statements });
			}
		});
	} finally {
		await handle.dispose();
	}
	return new Map(SNAPSHOT_FILES.map((file) => [snapshotPath(file, dialect), snapshotText(file, dialect, calls.get(file)!)]));
}
