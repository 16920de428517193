// Loads the demo data into an empty database when DEMO_DATA is on (the default), and says how to log in.
import type { Core } from '../app';
import { buildDemoData, DEMO_PASSWORD, type DemoLogin } from './data';
import { refreshStatistics } from '../db/statistics';

export async function loadDemoDataIfEmpty(core: Core): Promise<{ password: string; logins: DemoLogin[] } | null> {
	if (!core.config.demoData) return null;
	const anyone = await core.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
	if (anyone) return null;
	const logins = await buildDemoData(core.db, { origin: core.config.origin });
	// The tables were empty when the core started: take their statistics now they hold the demo.
	await refreshStatistics(core.db);
	return { password: DEMO_PASSWORD, logins };
}
