import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => ({ devMailbox: !locals.core.config.smtpUrl && locals.core.config.demoData });
