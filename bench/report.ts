// The bench's answer: one table for people, one JSON file for machines (bench/results/<timestamp>.json).
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

export type Row = {
	scenario: string;
	database: string;
	/** What was asked: a path or a function call. */
	target: string;
	unit: 'req/s' | 'lookups/s' | 'queries/s' | 'signals/s' | 'answer sets/s';
	rate: number;
	p50Ms: number;
	/** In-process timings only (autocannon reports no 95th percentile). */
	p95Ms?: number;
	p99Ms: number;
	/** The rate as a share of the static-file baseline served by the same process in the same run. */
	ratioToBaseline: number | null;
	/** HTTP intake: the server process's CPU time (user + system) per stored signal, in microseconds. */
	serverCpuUs?: number | null;
	note?: string;
};

export function machineInfo() {
	const cpus = os.cpus();
	let commit = 'unknown';
	try {
		commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
		if (execSync('git status --porcelain', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()) commit += '+changes';
	} catch {
		// not a git checkout
	}
	return {
		cpus: cpus.length,
		cpuModel: cpus[0]?.model ?? 'unknown',
		memoryGiB: Math.round(os.totalmem() / 2 ** 30),
		platform: `${os.type()} ${os.release()} ${os.arch()}`,
		node: process.version,
		commit,
		/** Other work on the machine skews the figures: the 1, 5 and 15 minute load averages when the run began. */
		loadAverageAtStart: os.loadavg().map((v) => Math.round(v * 100) / 100),
		loadGenerator: `autocannon in the bench process, on the same ${cpus.length} CPU cores as the server`
	};
}

const num = (v: number) => (v >= 100 ? Math.round(v).toLocaleString('en') : v.toFixed(1));
const ms = (v: number) => (v >= 100 ? Math.round(v).toLocaleString('en') : v >= 10 ? v.toFixed(1) : v.toFixed(2));
/** autocannon counts latency in whole milliseconds: below one, it says 0. */
const httpMs = (v: number) => (v < 1 ? '<1' : ms(v));

export function formatTable(rows: Row[]): string {
	const head = ['scenario', 'database', 'rate', 'p50 ms', 'p95 ms', 'p99 ms', 'vs baseline'];
	const body = rows.map((r) => [
		r.scenario + (r.note ? ` (${r.note})` : ''),
		r.database,
		`${num(r.rate)} ${r.unit}`,
		r.unit === 'req/s' ? httpMs(r.p50Ms) : ms(r.p50Ms),
		r.p95Ms === undefined ? '' : ms(r.p95Ms),
		r.unit === 'req/s' ? httpMs(r.p99Ms) : ms(r.p99Ms),
		r.ratioToBaseline === null ? '' : r.ratioToBaseline === 1 ? 'baseline' : `${(r.ratioToBaseline * 100).toFixed(1)} %`
	]);
	const widths = head.map((h, c) => Math.max(h.length, ...body.map((b) => b[c].length)));
	const right = [false, false, true, true, true, true, true];
	const line = (cells: string[]) => cells.map((cell, c) => (right[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ');
	return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** Writes the results file and gives its path; the timestamp has '-' for ':' so every file system takes it. */
export function writeResults(dir: string, results: object, at = new Date()): string {
	mkdirSync(dir, { recursive: true });
	const file = join(dir, `${at.toISOString().replace(/:/g, '-')}.json`);
	writeFileSync(file, JSON.stringify(results, null, '\t') + '\n');
	return file;
}
