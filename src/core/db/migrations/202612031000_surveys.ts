// Resident surveys (capability D): surveys with versions of their structure, waves with the households in scope per
// estate, one-time household codes (hashed, never linked to an answer set), answer sets with one row per answered
// question item (typed columns, so results are GROUP BY over one covering index), open answers with themes, and
// residents' drafts. Frozen in time.
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	const time = dialect === 'postgres' ? 'timestamptz' : 'text';
	const bool = dialect === 'postgres' ? 'boolean' : 'integer';
	const json = dialect === 'postgres' ? 'jsonb' : 'text';
	const real = dialect === 'postgres' ? 'double precision' : 'real';
	const t = (type: string) => sql.raw(type) as any;

	await db.schema
		.createTable('surveys')
		.addColumn('id', 'text', (c) => c.primaryKey())
		/** The organisation that runs the survey: its staff build it and read the results. */
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('restrict'))
		/** In the open link and on the QR poster. */
		.addColumn('slug', 'text', (c) => c.notNull())
		/** Texts per language ({ nl: { text, easy? }, fr?: … }), like every text residents read. */
		.addColumn('title_texts', t(json), (c) => c.notNull())
		.addColumn('intro_texts', t(json))
		/** Shown before the first question. */
		.addColumn('consent_texts', t(json), (c) => c.notNull())
		/** draft | open | closed */
		.addColumn('status', 'text', (c) => c.notNull())
		/** The ways in: any of open_link, code, paper, tablet. */
		.addColumn('modes', t(json), (c) => c.notNull())
		.addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', t(time), (c) => c.notNull())
		.addColumn('updated_at', t(time), (c) => c.notNull())
		.execute();
	await db.schema.createIndex('surveys_slug').unique().on('surveys').column('slug').execute();
	await db.schema.createIndex('surveys_organisation').on('surveys').column('organisation_id').execute();

	/** What a survey covers: areas (with everything inside them) and single estates. */
	await db.schema
		.createTable('survey_targets')
		.addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id').onDelete('cascade'))
		.addColumn('area_id', 'text', (c) => c.references('areas.id').onDelete('cascade'))
		.addColumn('estate_id', 'text', (c) => c.references('estates.id').onDelete('cascade'))
		.execute();
	await db.schema.createIndex('survey_targets_survey').on('survey_targets').column('survey_id').execute();

	/** Partner organisations that read the results (a housing company for a tenant satisfaction survey). */
	await db.schema
		.createTable('survey_partners')
		.addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id').onDelete('cascade'))
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
		.addPrimaryKeyConstraint('survey_partners_pk', ['survey_id', 'organisation_id'])
		.execute();
	await db.schema.createIndex('survey_partners_organisation').on('survey_partners').column('organisation_id').execute();

	await db.schema
		.createTable('survey_versions')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id').onDelete('cascade'))
		.addColumn('number', 'integer', (c) => c.notNull())
		/** Sections and questions, validated by core/surveys/model.ts. Changed in place only while no answer set uses it. */
		.addColumn('structure', t(json), (c) => c.notNull())
		.addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', t(time), (c) => c.notNull())
		.addColumn('updated_at', t(time), (c) => c.notNull())
		.execute();
	await db.schema.createIndex('survey_versions_number').unique().on('survey_versions').columns(['survey_id', 'number']).execute();

	await db.schema
		.createTable('survey_waves')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id').onDelete('cascade'))
		.addColumn('number', 'integer', (c) => c.notNull())
		.addColumn('opens_at', t(time), (c) => c.notNull())
		/** null: open until the survey is closed. */
		.addColumn('closes_at', t(time))
		/** Set when a worker puts the results on the public "what you told us" page. */
		.addColumn('published_at', t(time))
		/** What was done with the answers, for that page (texts per language). */
		.addColumn('feedback_texts', t(json))
		.addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', t(time), (c) => c.notNull())
		.addColumn('updated_at', t(time), (c) => c.notNull())
		.execute();
	await db.schema.createIndex('survey_waves_number').unique().on('survey_waves').columns(['survey_id', 'number']).execute();

	/** The households living on each estate in scope when the wave opened: the base of its response rates. */
	await db.schema
		.createTable('survey_wave_estates')
		.addColumn('wave_id', 'text', (c) => c.notNull().references('survey_waves.id').onDelete('cascade'))
		.addColumn('estate_id', 'text', (c) => c.notNull().references('estates.id').onDelete('cascade'))
		.addColumn('households', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('survey_wave_estates_pk', ['wave_id', 'estate_id'])
		.execute();

	/** One print run of code letters. */
	await db.schema
		.createTable('survey_code_batches')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('wave_id', 'text', (c) => c.notNull().references('survey_waves.id').onDelete('cascade'))
		.addColumn('households', 'integer', (c) => c.notNull())
		.addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', t(time), (c) => c.notNull())
		.addColumn('voided_at', t(time))
		.execute();
	await db.schema.createIndex('survey_code_batches_wave').on('survey_code_batches').column('wave_id').execute();

	/**
	 * A one-time code: only its hash, its estate and whether it was used. No household, no time of use and no answer
	 * set: the answers cannot be traced back to a code, and a code not to who answered.
	 */
	await db.schema
		.createTable('survey_codes')
		.addColumn('code_hash', 'text', (c) => c.primaryKey())
		.addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id').onDelete('cascade'))
		.addColumn('wave_id', 'text', (c) => c.notNull().references('survey_waves.id').onDelete('cascade'))
		.addColumn('batch_id', 'text', (c) => c.notNull().references('survey_code_batches.id').onDelete('cascade'))
		.addColumn('estate_id', 'text', (c) => c.references('estates.id').onDelete('set null'))
		/** unused | used | void */
		.addColumn('status', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('survey_codes_wave').on('survey_codes').columns(['wave_id', 'estate_id', 'status']).execute();
	await db.schema.createIndex('survey_codes_batch').on('survey_codes').column('batch_id').execute();

	/** Which households got a letter in a wave (so none gets two), kept apart from the codes themselves. */
	await db.schema
		.createTable('survey_code_recipients')
		.addColumn('wave_id', 'text', (c) => c.notNull().references('survey_waves.id').onDelete('cascade'))
		.addColumn('household_id', 'text', (c) => c.notNull().references('households.id').onDelete('cascade'))
		.addColumn('batch_id', 'text', (c) => c.notNull().references('survey_code_batches.id').onDelete('cascade'))
		.addPrimaryKeyConstraint('survey_code_recipients_pk', ['wave_id', 'household_id'])
		.execute();
	await db.schema.createIndex('survey_code_recipients_batch').on('survey_code_recipients').column('batch_id').execute();
	await db.schema.createIndex('survey_code_recipients_household').on('survey_code_recipients').column('household_id').execute();

	/** An answer set: anonymous; the estate is known from the code, the poster's link or the worker. */
	await db.schema
		.createTable('survey_responses')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id').onDelete('cascade'))
		.addColumn('wave_id', 'text', (c) => c.notNull().references('survey_waves.id').onDelete('cascade'))
		.addColumn('version_id', 'text', (c) => c.notNull().references('survey_versions.id'))
		.addColumn('estate_id', 'text', (c) => c.references('estates.id').onDelete('set null'))
		/** open_link | code | paper | tablet */
		.addColumn('channel', 'text', (c) => c.notNull())
		/** The worker who typed a paper form in or held the tablet. */
		.addColumn('entered_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('language', 'text', (c) => c.notNull())
		/** Made by the client (a uuid): a double submit or a tablet's resend finds the set stored the first time. */
		.addColumn('submission_id', 'text', (c) => c.notNull())
		.addColumn('submitted_at', t(time), (c) => c.notNull())
		.execute();
	await db.schema.createIndex('survey_responses_submission').unique().on('survey_responses').column('submission_id').execute();
	await db.schema.createIndex('survey_responses_wave_estate').on('survey_responses').columns(['wave_id', 'estate_id', 'channel']).execute();
	await db.schema.createIndex('survey_responses_wave_id').on('survey_responses').columns(['wave_id', 'id']).execute();
	await db.schema.createIndex('survey_responses_version').on('survey_responses').column('version_id').execute();

	/**
	 * One row per answered question item: the option chosen ('yes'/'no' for yes/no; one row per option ticked of a
	 * multiple choice, plus a row with option '' holding how many were ticked), or the number (scale 1–5, number) with
	 * option ''. Wave and estate are copied from the answer set, so the results of a wave are one GROUP BY over the
	 * covering index below, without a join.
	 */
	await db.schema
		.createTable('survey_answers')
		.addColumn('response_id', 'text', (c) => c.notNull().references('survey_responses.id').onDelete('cascade'))
		.addColumn('wave_id', 'text', (c) => c.notNull())
		.addColumn('estate_id', 'text')
		.addColumn('question_key', 'text', (c) => c.notNull())
		.addColumn('option_key', 'text', (c) => c.notNull())
		.addColumn('number_value', t(real))
		.addPrimaryKeyConstraint('survey_answers_pk', ['response_id', 'question_key', 'option_key'])
		.execute();
	await db.schema
		.createIndex('survey_answers_results')
		.on('survey_answers')
		.columns(['wave_id', 'estate_id', 'question_key', 'option_key', 'number_value'])
		.execute();

	/** Text typed by a resident: a text question, a needs block's part, or "other, namely". Workers tag them with themes. */
	await db.schema
		.createTable('survey_open_answers')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('response_id', 'text', (c) => c.notNull().references('survey_responses.id').onDelete('cascade'))
		.addColumn('wave_id', 'text', (c) => c.notNull())
		.addColumn('estate_id', 'text')
		.addColumn('question_key', 'text', (c) => c.notNull())
		/** '' for a text question, 'other' for "other, namely", needs / expectations / ideas for a needs block. */
		.addColumn('part', 'text', (c) => c.notNull())
		.addColumn('body', 'text', (c) => c.notNull())
		/** A worker marked it fit for the public "what you told us" page. */
		.addColumn('is_public', t(bool), (c) => c.notNull())
		.execute();
	// A question's answers newest first (tagging), and their counts per part and estate (results).
	await db.schema.createIndex('survey_open_answers_question').on('survey_open_answers').columns(['wave_id', 'question_key', 'id']).execute();
	await db.schema.createIndex('survey_open_answers_counts').on('survey_open_answers').columns(['wave_id', 'question_key', 'part', 'estate_id']).execute();
	await db.schema.createIndex('survey_open_answers_response').on('survey_open_answers').column('response_id').execute();

	await db.schema
		.createTable('survey_themes')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id').onDelete('cascade'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', t(time), (c) => c.notNull())
		.addColumn('updated_at', t(time), (c) => c.notNull())
		.execute();
	await db.schema.createIndex('survey_themes_name').unique().on('survey_themes').columns(['survey_id', 'name']).execute();

	await db.schema
		.createTable('survey_open_answer_themes')
		.addColumn('open_answer_id', 'text', (c) => c.notNull().references('survey_open_answers.id').onDelete('cascade'))
		.addColumn('theme_id', 'text', (c) => c.notNull().references('survey_themes.id').onDelete('cascade'))
		.addPrimaryKeyConstraint('survey_open_answer_themes_pk', ['open_answer_id', 'theme_id'])
		.execute();
	await db.schema.createIndex('survey_open_answer_themes_theme').on('survey_open_answer_themes').column('theme_id').execute();

	/** A resident's progress on one device (the page keeps the token in a cookie); gone when the set is submitted. */
	await db.schema
		.createTable('survey_drafts')
		.addColumn('token_hash', 'text', (c) => c.primaryKey())
		.addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id').onDelete('cascade'))
		/** Hash of the household code typed at the start, so the resident need not type it again. */
		.addColumn('code_hash', 'text')
		.addColumn('estate_id', 'text', (c) => c.references('estates.id').onDelete('set null'))
		.addColumn('language', 'text', (c) => c.notNull())
		.addColumn('answers', t(json), (c) => c.notNull())
		/** The section the resident was on. */
		.addColumn('step', 'integer', (c) => c.notNull())
		.addColumn('created_at', t(time), (c) => c.notNull())
		.addColumn('updated_at', t(time), (c) => c.notNull())
		.addColumn('expires_at', t(time), (c) => c.notNull())
		.execute();
	await db.schema.createIndex('survey_drafts_expires').on('survey_drafts').column('expires_at').execute();
}
