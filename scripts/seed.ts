// `npm run seed`: loads the demo data into an empty database (the server does this by itself on first start).
import { createCore } from '../src/core/app';
import { loadDemoDataIfEmpty } from '../src/core/demo/load';

const core = await createCore(undefined, { sweeps: false });
try {
	const demo = await loadDemoDataIfEmpty({ ...core, config: { ...core.config, demoData: true } });
	if (!demo) console.log('The database holds data already: nothing loaded.');
	else {
		console.log(`Demo data loaded. Password for every demo login: ${demo.password}`);
		for (const login of demo.logins) console.log(`  ${login.role.padEnd(17)} ${login.email}`);
	}
} finally {
	await core.close();
}
