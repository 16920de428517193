// Builds the core once per process: configuration, database, mail and the sweeps. hooks.server.ts hands it to routes.
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { loadConfig, type Config } from './config';
import { localFileStore, type FileStore } from './files';
import { openDatabase, type Db } from './db';
import { migrateToLatest } from './db';
import { startSweeps } from './jobs';
import { sweepOutbox } from './mail';
import { optimizeStatistics } from './db';
import { createMailTransport, type MailTransport } from './mail';
import { sweepAnonymise, sweepClassifier, sweepOverdue, sweepPendingPhotos } from './signals';
import { sweepSurveyDrafts, unlinkUsedCodes } from './surveys';
import { sweepCodeLetters } from './surveys';
import type { Mail } from './mail';

export type Core = {
	config: Config;
	db: Db;
	logger: Logger;
	mail: MailTransport;
	outboxDir: string;
	/** Uploaded files (residents' photos): `<DATA_DIR>/uploads` on this server. */
	files: FileStore;
	/** Delivers due outbox items now (tests and the CLI call this instead of waiting for the sweep). */
	flushOutbox(): Promise<number>;
	close(): Promise<void>;
};

export async function createCore(config: Config = loadConfig(), options: { migrate?: boolean; sweeps?: boolean } = {}): Promise<Core> {
	const logger = pino({ level: config.logLevel, base: undefined });
	const db = openDatabase({ url: config.databaseUrl, sqlitePath: config.sqlitePath, poolSize: config.poolSize });
	if (options.migrate ?? true) await migrateToLatest(db);
	// Planner statistics for tables that have none yet or changed a lot (SQLite; PostgreSQL's autovacuum does this).
	await optimizeStatistics(db);
	const outboxDir = join(config.dataDir, 'outbox');
	const mail = createMailTransport({ smtpUrl: config.smtpUrl, from: config.mailFrom, outboxDir });
	const deliver = async (kind: string, payload: unknown) => {
		if (kind === 'mail') await mail.send(payload as Mail);
		else throw new Error(`unknown outbox kind ${kind}`);
	};
	const flushOutbox = () => sweepOutbox(db, deliver);
	const baseUrl = config.origin;
	const files = localFileStore(join(config.dataDir, 'uploads'));
	const sweeps = [
		{ name: 'outbox', everyMs: 2000, run: flushOutbox },
		{ name: 'signals-overdue', everyMs: 5 * 60_000, run: () => sweepOverdue(db, { baseUrl, digestTime: config.overdueDigestTime }) },
		{ name: 'signals-anonymise', everyMs: 60 * 60_000, run: () => sweepAnonymise(db, { days: config.signalContactRetentionDays }) },
		{ name: 'signals-classifier', everyMs: 60 * 60_000, run: () => sweepClassifier(db) },
		{ name: 'signals-pending-photos', everyMs: 60 * 60_000, run: () => sweepPendingPhotos(db, files) },
		{ name: 'survey-drafts', everyMs: 60 * 60_000, run: () => sweepSurveyDrafts(db) },
		{ name: 'survey-codes-unlink', everyMs: 10 * 60_000, run: () => unlinkUsedCodes(db) },
		{ name: 'survey-letters-expire', everyMs: 10 * 60_000, run: () => sweepCodeLetters(db) },
		{ name: 'db-statistics', everyMs: 6 * 60 * 60_000, run: async () => (await optimizeStatistics(db), 0) }
	];
	const stopSweeps = (options.sweeps ?? config.jobs) ? startSweeps(sweeps, logger) : () => {};
	return {
		config,
		db,
		logger,
		mail,
		outboxDir,
		files,
		flushOutbox,
		async close() {
			stopSweeps();
			mail.close();
			await db.destroy();
		}
	};
}
