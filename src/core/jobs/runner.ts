// Periodic sweeps in the server process (outbox delivery, later deadline escalations). Each sweep is idempotent
// and safe with several processes; a failing sweep is logged and tried again at the next tick.
import type { Logger } from 'pino';

export type Sweep = { name: string; everyMs: number; run: () => Promise<number> };

export function startSweeps(sweeps: Sweep[], logger: Logger): () => void {
	const timers = sweeps.map((sweep) => {
		let running = false;
		return setInterval(async () => {
			if (running) return;
			running = true;
			try {
				const done = await sweep.run();
				if (done > 0) logger.debug({ sweep: sweep.name, done }, 'sweep');
			} catch (error) {
				logger.error({ sweep: sweep.name, err: error }, 'sweep failed');
			} finally {
				running = false;
			}
		}, sweep.everyMs);
	});
	return () => timers.forEach(clearInterval);
}
