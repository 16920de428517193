import { describe, expect, it } from 'vitest';
import { anonymous, system, type StaffActor } from './actor';
import { authorize, can, knownPermissions } from './index';
import type { PersonContext } from './policies/people';
import { Forbidden, Unauthenticated } from '../errors';

const staff = (
	role: StaffActor['role'],
	organisationId: string | null = 'org-institute',
	organisationKind: StaffActor['organisationKind'] = 'regional_institute',
	worksIn: string[] = ['area-wevelgem']
): StaffActor => ({
	kind: 'staff',
	id: `u-${role}`,
	name: role,
	email: `${role}@x.be`,
	role,
	organisationId,
	organisationKind,
	teamIds: [],
	reach: { areaIds: new Set(worksIn) }
});
const vlashaard = staff('partner_staff', 'org-vlashaard', 'housing_company', []);
const ocmw = staff('partner_staff', 'org-ocmw', 'welfare_centre');
/** A tenant of De Vlashaard on an estate in Wallaysplein, a neighbourhood of Wevelgem. */
const tenantOfVlashaard: PersonContext = {
	housingCompanyId: 'org-vlashaard',
	areaPath: ['area-wallaysplein', 'area-wevelgem', 'area-flanders'],
	registeredBy: [],
	consentedOrganisationIds: []
};
const antwerpWorker = staff('community_worker', 'org-antwerp', 'regional_institute', ['area-brecht']);

describe('the access policy for people', () => {
	it('lets community workers of another institute work only where their organisation works', () => {
		expect(can(antwerpWorker, 'read', 'resident', tenantOfVlashaard)).toBe(false);
		expect(can(antwerpWorker, 'update', 'household', tenantOfVlashaard)).toBe(false);
		expect(can(antwerpWorker, 'read', 'resident', { ...tenantOfVlashaard, registeredBy: ['org-antwerp'] })).toBe(true);
		expect(can(antwerpWorker, 'read', 'resident', { ...tenantOfVlashaard, areaPath: ['area-kapelakker', 'area-brecht'] })).toBe(true);
		// A consent lets them read, never change, and never record consents for others.
		const consented = { ...tenantOfVlashaard, consentedOrganisationIds: ['org-antwerp'] };
		expect(can(antwerpWorker, 'read', 'resident', consented)).toBe(true);
		expect(can(antwerpWorker, 'update', 'resident', consented)).toBe(false);
		expect(can(antwerpWorker, 'record', 'consent', consented)).toBe(false);
	});

	it('lets a consent be recorded by who spoke with the resident, never by the landlord or by a receiver on its own', () => {
		expect(can(staff('community_worker'), 'record', 'consent', tenantOfVlashaard)).toBe(true);
		expect(can(vlashaard, 'record', 'consent', tenantOfVlashaard)).toBe(false);
		expect(can(ocmw, 'record', 'consent', { ...tenantOfVlashaard, consentedOrganisationIds: ['org-ocmw'] })).toBe(false);
		expect(can(ocmw, 'record', 'consent', { ...tenantOfVlashaard, helpRequestHandledBy: 'org-ocmw' })).toBe(true);
		const givenToOcmw = { recordedByOrganisationId: 'org-institute', organisationId: 'org-ocmw', person: tenantOfVlashaard };
		expect(can(vlashaard, 'withdraw', 'consent', givenToOcmw)).toBe(false);
		expect(can(ocmw, 'withdraw', 'consent', givenToOcmw)).toBe(true);
		expect(can(staff('community_worker'), 'withdraw', 'consent', givenToOcmw)).toBe(true);
	});

	it('lets community workers and coordinators work with residents, but not admins', () => {
		expect(can(staff('community_worker'), 'read', 'resident', tenantOfVlashaard)).toBe(true);
		expect(can(staff('coordinator'), 'update', 'household', tenantOfVlashaard)).toBe(true);
		expect(can(staff('admin'), 'read', 'resident', tenantOfVlashaard)).toBe(false);
	});

	it('lets the housing company see its own tenants only', () => {
		expect(can(vlashaard, 'read', 'resident', tenantOfVlashaard)).toBe(true);
		expect(can(vlashaard, 'read', 'resident', { housingCompanyId: 'org-other', consentedOrganisationIds: [] })).toBe(false);
	});

	it('lets the OCMW see a resident only with a consent in force for the OCMW', () => {
		expect(can(ocmw, 'read', 'resident', tenantOfVlashaard)).toBe(false);
		expect(can(ocmw, 'read', 'resident', { ...tenantOfVlashaard, consentedOrganisationIds: ['org-ocmw'] })).toBe(true);
		expect(can(ocmw, 'update', 'resident', { ...tenantOfVlashaard, consentedOrganisationIds: ['org-ocmw'] })).toBe(false);
	});

	it('tells an anonymous visitor to sign in and refuses staff without the right', () => {
		expect(() => authorize(anonymous, 'read', 'resident', tenantOfVlashaard)).toThrow(Unauthenticated);
		expect(() => authorize(staff('admin'), 'read', 'resident', tenantOfVlashaard)).toThrow(Forbidden);
		expect(() => authorize(system('test'), 'read', 'resident', tenantOfVlashaard)).not.toThrow();
	});

	it('keeps area pages public and account management for admins', () => {
		expect(can(anonymous, 'read-public', 'area')).toBe(true);
		expect(can(staff('coordinator'), 'create', 'user')).toBe(false);
		expect(can(staff('admin'), 'create', 'user')).toBe(true);
		expect(knownPermissions()).toContain('resident:read');
	});
});
