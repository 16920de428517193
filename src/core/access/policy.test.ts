import { describe, expect, it } from 'vitest';
import { anonymous, system, type StaffActor } from './actor';
import { authorize, can, knownPermissions } from './index';
import type { PersonContext } from './policies/people';
import { Forbidden, Unauthenticated } from '../errors';

const staff = (role: StaffActor['role'], organisationId: string | null = 'org-institute', organisationKind: StaffActor['organisationKind'] = 'regional_institute'): StaffActor => ({
	kind: 'staff', id: `u-${role}`, name: role, email: `${role}@x.be`, role, organisationId, organisationKind, teamIds: []
});
const vlashaard = staff('partner_staff', 'org-vlashaard', 'housing_company');
const ocmw = staff('partner_staff', 'org-ocmw', 'welfare_centre');
const tenantOfVlashaard: PersonContext = { housingCompanyId: 'org-vlashaard', consentedOrganisationIds: [] };

describe('the access policy for people', () => {
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
