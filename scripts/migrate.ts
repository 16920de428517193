// `npm run migrate`: brings the database (SQLite under DATA_DIR, or PostgreSQL at DATABASE_URL) to the latest schema.
import { loadConfig } from '../src/core/config';
import { openDatabase } from '../src/core/db';
import { migrateToLatest } from '../src/core/db';

const config = loadConfig();
const db = openDatabase({ url: config.databaseUrl, sqlitePath: config.sqlitePath, poolSize: 2 });
try {
	const applied = await migrateToLatest(db);
	const where = config.databaseUrl ? 'PostgreSQL' : config.sqlitePath;
	console.log(applied.length ? `Applied ${applied.length} migration(s) on ${where}:\n  ${applied.join('\n  ')}` : `${where} is up to date.`);
} catch (error) {
	console.error('Migration failed:', error instanceof Error ? error.message : error);
	process.exitCode = 1;
} finally {
	await db.destroy();
}
