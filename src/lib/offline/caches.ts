// The Cache Storage names the offline pages and their service workers share (page-service-worker.js gets its name
// when served). A new version number makes the worker drop the old cache when it activates; every name starts with
// "leefbaar-" and ends in "-v<n>", which the sign-out script relies on.
export const OFFLINE_CACHES = { tablet: 'leefbaar-tablet-v1', intake: 'leefbaar-intake-v1' } as const;
export type OfflinePage = keyof typeof OFFLINE_CACHES;
