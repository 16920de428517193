// Loads the demo data into an empty database when DEMO_DATA is on (the default), and says how to log in: on the first
// start and on every later one, as plain lines a person reads in the terminal (never through the JSON log).
import type { Core } from '../app';
import { activeAccountEmails, anyStaffAccount } from '../auth';
import type { Db } from '../db';
import { buildDemoData, DEMO_LOGINS, DEMO_PASSWORD, type DemoLogin } from './data';
import { refreshStatistics } from '../db';

export type DemoStart = { loaded: boolean; password: string; logins: DemoLogin[] };

/**
 * With demo data on: loads it into an empty database, and returns the demo logins that still exist (an admin may have
 * removed or switched off some), in the README's order. Null with demo data off, or when none is left.
 */
export async function startDemo(core: Pick<Core, 'db' | 'config'>, say: (line: string) => void = () => {}): Promise<DemoStart | null> {
	if (!core.config.demoData) return null;
	let loaded = false;
	if (!(await anyStaffAccount(core.db))) {
		say('Loading the demo data (on the first start only)…');
		await buildDemoData(core.db, { origin: core.config.origin });
		// The tables were empty when the core started: take their statistics now they hold the demo.
		await refreshStatistics(core.db);
		loaded = true;
	}
	const logins = await demoLoginsPresent(core.db);
	return logins.length > 0 ? { loaded, password: DEMO_PASSWORD, logins } : null;
}

async function demoLoginsPresent(db: Db): Promise<DemoLogin[]> {
	const present = await activeAccountEmails(
		db,
		DEMO_LOGINS.map((l) => l.email)
	);
	return DEMO_LOGINS.filter((l) => present.has(l.email));
}

const ROLE_NAMES: Record<DemoLogin['role'], string> = {
	admin: 'admin',
	coordinator: 'coordinator',
	community_worker: 'community worker',
	partner_staff: 'partner staff'
};

/** What `npm start` prints about the demo: one plain line per login, in order. */
export function demoStartLines(start: DemoStart): string[] {
	const width = Math.max(...start.logins.map((l) => l.email.length));
	return [
		...(start.loaded ? ['Demo data loaded.'] : []),
		`Demo logins (password for all: ${start.password}):`,
		...start.logins.map((l) => `  ${l.email.padEnd(width)}  ${l.name}, ${ROLE_NAMES[l.role]}, ${l.organisation}`)
	];
}
