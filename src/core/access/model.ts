// The access module's second public entry, for code the browser loads: types and what runs without a server. The server
// side imports index.ts. Nothing here may pull in a database, a file system or node: modules.
export type { Actor } from './actor';
export { authorize } from './policy';
export type { StaffPermissions } from './permissions';
