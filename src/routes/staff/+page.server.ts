// Start: a staff member's day — what waits for them, each a count with the filtered list behind it (core
// signals/handling/start-page.ts). An admin, who reads no signals, gets her own tasks. The area list lives at /staff/areas.
import { can } from '$core/access';
import { startPage } from '$core/signals';
import { pageLoad } from '$lib/server/handlers';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals }) => {
	const a = locals.actor;
	return {
		day: await startPage(locals.core.db, a),
		today: new Date().toISOString(),
		// What someone without signals does here (the admin): each link only for who may follow it.
		tasks: {
			users: can(a, 'invite', 'user'),
			organisations: can(a, 'create', 'organisation'),
			signalSettings: can(a, 'manage', 'signal-category'),
			imports: can(a, 'import', 'area'),
			audit: can(a, 'search', 'audit')
		}
	};
});
