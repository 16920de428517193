// `npm run seed`: loads the demo data into an empty database (the server does this by itself on first start).
import { createCore } from '../src/core/app';
import { demoStartLines, startDemo } from '../src/core/demo';

const core = await createCore(undefined, { sweeps: false });
try {
	const demo = await startDemo({ ...core, config: { ...core.config, demoData: true } }, (line) => console.log(line));
	if (!demo?.loaded) console.log('The database holds data already: nothing loaded.');
	if (demo) for (const line of demoStartLines(demo)) console.log(line);
} finally {
	await core.close();
}
