// The area and every area above it, nearest first: the order routing rules are tried in (intake, re-routing and a
// referral's deadline all ask the same).
import type { Db } from '../db/database';

export async function areaChain(db: Db, areaId: string | null): Promise<string[]> {
	const chain: string[] = [];
	let id = areaId;
	while (id && chain.length < 10 && !chain.includes(id)) {
		chain.push(id);
		const row = await db.selectFrom('areas').select('parent_id').where('id', '=', id).executeTakeFirst();
		id = row?.parent_id ?? null;
	}
	return chain;
}
