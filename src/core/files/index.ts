// The files module's public entry: what routes, src/lib, scripts and other modules use of it. Everything else in this
// folder is the module's own (eslint/boundaries.js holds that); model.ts is the second entry, for the browser.
export { readImage } from './images';
export type { ProcessedImage } from './images';
export { MAX_IMAGE_BYTES } from './limits';
export { localFileStore } from './storage';
export type { FileStore } from './storage';
