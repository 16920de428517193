// The jobs module's public entry: what routes, src/lib, scripts and other modules use of it. Everything else in this
// folder is the module's own (eslint/boundaries.js holds that); model.ts is the second entry, for the browser.
export { finishImportJob, getImportJob, listImportJobs, reportProgress, startImportJob } from './imports';
export { startSweeps } from './runner';
