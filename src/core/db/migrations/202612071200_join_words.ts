// "Me too" keeps what the neighbour wrote: the words they typed on the form stay with their row of signal_reporters
// (a first reporter's words are the signal's description, so theirs is null). Staff who may read the signal read them;
// the neighbour reads them back on their tracking page. Frozen in time.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('signal_reporters').addColumn('description', 'text').execute();
}
