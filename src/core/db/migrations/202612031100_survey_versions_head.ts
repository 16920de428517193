// Every answer set stored reads the survey's head version: its id, number and last change (the structure itself is
// cached per version and change). The row carries the structure, often longer than a page, with the change time
// after it, so SQLite followed the structure's overflow pages on every submit. This index holds all three columns:
// the head version is read from the index alone. Frozen in time.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.createIndex('survey_versions_head').on('survey_versions').columns(['survey_id', 'number', 'id', 'updated_at']).execute();
}
