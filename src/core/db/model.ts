// The db module's second public entry, for code the browser loads: types and what runs without a server. The server
// side imports index.ts. Nothing here may pull in a database, a file system or node: modules.
export type { Db } from './database';
export type { Role, SignalKind, SignalPriority, SignalStatus, SurveyChannel, SurveyStatus } from './schema';
