// The access policy with every resource's rules loaded, and the audit log.
import './policies/partners';
import './policies/areas';
import './policies/people';
import './policies/audit';
import './policies/signals';
import './policies/surveys';

export { allow, allowPublic, authorize, can, knownPermissions } from './policy';
export { permissionsFor, staffPermissions, type StaffPermissions } from './permissions';
export { audit, auditInsert, searchAudit, type AuditSearch } from './audit';
export * from './actor';
export { worksIn } from './reach';
export type { PlaceContext } from './policies/areas';
export { landlordOf, personInReach } from './policies/people';
export type { PersonContext, TenantImportContext } from './policies/people';
export type { CollectiveContext, RoutingRuleContext, SignalContext } from './policies/signals';
export type { SurveyContext } from './policies/surveys';
