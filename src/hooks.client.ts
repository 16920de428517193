// The browser side (only the survey tablet runs there). Zod compiles its object checks with `new Function` where it
// may; under the Content-Security-Policy (svelte.config.js: no 'unsafe-eval') it may not, and its probe would be
// reported as a violation. It uses its plain checks from the start instead.
import { config } from 'zod';

config({ jitless: true });
