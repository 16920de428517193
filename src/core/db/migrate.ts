// Runs the static list of migrations, handing each the dialect.
import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database';
import { migrations } from './migrations/index';

class StaticProvider implements MigrationProvider {
	constructor(private readonly db: Db) {}
	async getMigrations(): Promise<Record<string, Migration>> {
		const out: Record<string, Migration> = {};
		for (const [name, m] of Object.entries(migrations)) out[name] = { up: (db) => m.up(db, this.db.dialect) };
		return out;
	}
}

export async function migrateToLatest(db: Db): Promise<string[]> {
	const migrator = new Migrator({ db, provider: new StaticProvider(db) });
	const { error, results } = await migrator.migrateToLatest();
	if (error) throw error instanceof Error ? error : new Error(String(error));
	return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
