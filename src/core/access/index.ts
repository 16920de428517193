// The access policy with every resource's rules loaded, and the audit log.
import './policies/partners';
import './policies/areas';
import './policies/people';
import './policies/audit';
import './policies/signals';
import './policies/surveys';

export { allow, allowPublic, authorize, can, knownPermissions } from './policy';
export { audit, searchAudit, type AuditSearch } from './audit';
export * from './actor';
export { worksIn } from './reach';
