// The db module's public entry: what routes, src/lib, scripts and other modules use of it. Everything else in this
// folder is the module's own (eslint/boundaries.js holds that); model.ts is the second entry, for the browser.
export { hoursBetween, middlesOf, monthOf, weekOf } from './aggregates';
export type { GroupMiddle } from './aggregates';
export { inTransaction, onCommit, openDatabase } from './database';
export type { Db } from './database';
export { newId, nowIso } from './ids';
export { insertRows } from './insert-rows';
export { preparedQuery } from './prepared';
export type { TableRows } from './insert-rows';
export { containsPattern, lowerContains } from './like';
export { migrateToLatest } from './migrate';
export type {
	Area,
	AreaKind,
	AuditEntry,
	Building,
	BuildingTable,
	CollectiveIssue,
	Consent,
	ContactChannel,
	Database,
	Dwelling,
	DwellingTable,
	Estate,
	Household,
	HouseholdTable,
	ImportJob,
	LocationKind,
	NewSignal,
	Organisation,
	OrganisationKind,
	PartnerLink,
	Referral,
	ReferralStatus,
	Resident,
	ResidentTable,
	Role,
	RoutingRule,
	Signal,
	SignalCategory,
	SignalKind,
	SignalPriority,
	SignalSource,
	SignalStatus,
	Survey,
	SurveyChannel,
	SurveyCodeStatus,
	SurveyStatus,
	SurveyVersion,
	SurveyWave,
	ThrottleAnswer,
	TokenKind,
	User
} from './schema';
export { areaBoxesHolding, areasWhoseBoxHolds } from './spatial';
export type { AreaBox } from './spatial';
export { optimizeStatistics, refreshStatistics } from './statistics';
export { isUniqueViolation } from './unique-violation';
export { inSharedTransaction } from './write-batch';
