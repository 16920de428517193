// A consent to share a help request is also a consent to be contacted about it: the phone number and email address
// the resident gave for that purpose are kept with the consent. The organisation that handles the request sees those,
// and nothing more of the resident's record; they go when the consent is withdrawn. Frozen in time.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('consents').addColumn('contact_phone', 'text').execute();
	await db.schema.alterTable('consents').addColumn('contact_email', 'text').execute();
}
