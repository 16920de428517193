// The Cache Storage name the tablet page and its service worker share (service-worker.js holds the same name: it is
// served as a plain file). A new name makes the worker drop the old cache when it activates.
export const OFFLINE_CACHE = 'leefbaar-tablet-v1';
