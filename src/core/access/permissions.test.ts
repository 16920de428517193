import { describe, expect, it } from 'vitest';
import { anonymous, system, type StaffActor } from './actor';
import { permissionsFor, staffPermissions, type SignalContext } from './index';

const staff = (role: StaffActor['role'], organisationId: string | null, organisationKind: StaffActor['organisationKind'], worksIn: string[]): StaffActor => ({
	kind: 'staff',
	id: `u-${role}-${organisationId}`,
	name: role,
	email: `${role}@x.be`,
	role,
	organisationId,
	organisationKind,
	teamIds: [],
	reach: { areaIds: new Set(worksIn) }
});
const admin = staff('admin', null, null as never, []);
const coordinator = staff('coordinator', 'org-institute', 'regional_institute', ['area-wevelgem']);
const worker = staff('community_worker', 'org-institute', 'regional_institute', ['area-wevelgem']);
const vlashaard = staff('partner_staff', 'org-vlashaard', 'housing_company', []);
const antwerpWorker = staff('community_worker', 'org-antwerp', 'regional_institute', ['area-brecht']);

/** Damp in a flat on Wallaysplein, Wevelgem, handled by the institute. */
const damp: SignalContext = {
	organisationId: 'org-institute',
	referredOrganisationIds: [],
	referringOrganisationIds: [],
	isHelpRequest: false,
	createdBy: null,
	areaPath: ['area-wallaysplein', 'area-wevelgem', 'area-flanders']
};

describe('what the staff menu offers, by role', () => {
	it('gives the admin the set-up and the audit log, and no signals or residents to read', () => {
		expect(staffPermissions(admin)).toEqual({
			handleSignals: false,
			manageSignalSettings: true,
			referrals: false,
			readResidents: false,
			readFigures: false,
			bundleSignals: false,
			buildSurveys: false,
			searchAudit: true,
			administer: true,
			manageUsers: true,
			importAreas: true,
			importTenants: false
		});
	});

	it('gives a coordinator the inbox, the settings, residents, figures, bundling, surveys and the audit log, but no administration', () => {
		expect(staffPermissions(coordinator)).toEqual({
			handleSignals: true,
			manageSignalSettings: true,
			referrals: true,
			readResidents: true,
			readFigures: true,
			bundleSignals: true,
			buildSurveys: true,
			searchAudit: true,
			administer: false,
			manageUsers: false,
			importAreas: true,
			importTenants: true
		});
	});

	it('gives a community worker the daily work without the settings or the audit log', () => {
		const can = staffPermissions(worker);
		expect(can).toMatchObject({ handleSignals: true, readResidents: true, bundleSignals: true, buildSurveys: true });
		expect(can).toMatchObject({ manageSignalSettings: false, searchAudit: false, administer: false, manageUsers: false });
	});

	it('gives a housing company worker the inbox and residents, but no bundling, settings, audit log or administration', () => {
		const can = staffPermissions(vlashaard);
		expect(can).toMatchObject({ handleSignals: true, referrals: true, readResidents: true, readFigures: true, buildSurveys: true, importTenants: true });
		expect(can).toMatchObject({
			bundleSignals: false,
			manageSignalSettings: false,
			searchAudit: false,
			administer: false,
			manageUsers: false,
			importAreas: false
		});
	});

	it('offers nothing to a resident without an account, nor to a background job posing as a page visitor', () => {
		for (const actor of [anonymous, system('sweep')]) expect(Object.values(staffPermissions(actor)).every((v) => v === false)).toBe(true);
	});
});

describe('what a page offers for one signal', () => {
	const actions = ['read', 'handle', 'refer'] as const;

	it('lets the institute that handles the signal read, handle and refer it', () => {
		expect(permissionsFor(worker, 'signal', actions, damp)).toEqual({ read: true, handle: true, refer: true });
	});

	it('offers a housing company worker nothing on a signal outside its reach that was not referred to it', () => {
		expect(permissionsFor(vlashaard, 'signal', actions, damp)).toEqual({ read: false, handle: false, refer: false });
	});

	it('lets the housing company read a signal referred to it, but handle and refer only its own', () => {
		const referred = { ...damp, referredOrganisationIds: ['org-vlashaard'] };
		expect(permissionsFor(vlashaard, 'signal', actions, referred).read).toBe(true);
		expect(permissionsFor(vlashaard, 'signal', actions, { ...damp, organisationId: 'org-vlashaard' })).toEqual({ read: true, handle: true, refer: true });
	});

	it('offers a worker of another institute nothing in Wevelgem, and the admin nothing at all', () => {
		expect(permissionsFor(antwerpWorker, 'signal', actions, damp)).toEqual({ read: false, handle: false, refer: false });
		expect(permissionsFor(admin, 'signal', actions, damp)).toEqual({ read: false, handle: false, refer: false });
		expect(permissionsFor(anonymous, 'signal', actions, damp)).toEqual({ read: false, handle: false, refer: false });
	});
});
