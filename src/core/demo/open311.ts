// Demo data for Open311: one client, "Demo-app", whose key is the documented "demo" (README, docs/open311.md), so
// anyone trying the demo can POST a report with curl. A fixed key is only possible for the system actor.
import { system } from '../access';
import { hashToken } from '../auth';
import type { Db } from '../db';
import { issueOpen311Client } from '../signals';

export const DEMO_OPEN311_KEY = 'demo';

export async function loadDemoOpen311(db: Db): Promise<void> {
	const existing = await db.selectFrom('open311_clients').select('id').where('key_hash', '=', hashToken(DEMO_OPEN311_KEY)).executeTakeFirst();
	if (existing) return;
	await issueOpen311Client(db, system('demo'), { name: 'Demo-app', contactEmail: 'open311@leefbaar.demo', key: DEMO_OPEN311_KEY });
}
