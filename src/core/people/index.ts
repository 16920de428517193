// The people module's public entry: what routes, src/lib, scripts and other modules use of it. Everything else in this
// folder is the module's own (eslint/boundaries.js holds that); model.ts is the second entry, for the browser.
export { auditActors } from './audit-actors';
export type { PurposeContact } from './consents';
export { householdCountsOn, householdsLivingOn } from './households-in-scope';
export { dwellingChoices, homeOfHousehold, householdOfResident, placeChoices } from './places';
export { activeConsents, purposeContact, recordConsent, renewConsentContact, withdrawConsent } from './consents';
export { createHousehold, getHousehold, householdLabel, listHouseholdsByEstate, updateHousehold } from './households';
export { createResident, getResident, updateResident } from './residents';
export { listResidents } from './resident-search';
export type { HouseholdInput, ResidentInput } from './model';
export { OPTIONAL_COLUMNS, REQUIRED_COLUMNS } from './tenant-csv';
export { importTenants } from './tenant-import';
export { importableHousingCompanies, startTenantImport } from './tenant-import-job';
export { tenantJobReport } from './tenant-report';
export type { TenantJobReport } from './tenant-report';
