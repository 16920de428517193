// Demo data from the real places in PRODUCT.md, with invented people. Built through the modules' services, so the
// demo exercises the same rules as real use.
import { system } from '../access/actor';
import type { Db } from '../db/database';
import { createOrganisation, createUser } from '../partners/service';

export const DEMO_PASSWORD = 'leefbaar-demo';
export type DemoLogin = { role: string; email: string };

export async function buildDemoData(db: Db): Promise<DemoLogin[]> {
	const actor = system('demo');
	const institute = await createOrganisation(db, actor, { name: 'Samenlevingsopbouw West-Vlaanderen', kind: 'regional_institute' });
	const vlashaard = await createOrganisation(db, actor, { name: 'De Vlashaard', kind: 'housing_company' });
	const ocmw = await createOrganisation(db, actor, { name: 'OCMW Wevelgem', kind: 'welfare_centre' });
	const logins: Array<DemoLogin & { name: string; organisationId: string | null; role: 'admin' | 'coordinator' | 'community_worker' | 'partner_staff' }> = [
		{ role: 'admin', email: 'admin@leefbaar.demo', name: 'Ann Beheer', organisationId: institute.id },
		{ role: 'coordinator', email: 'coordinator@leefbaar.demo', name: 'Koen Vermeulen', organisationId: institute.id },
		{ role: 'community_worker', email: 'opbouwwerker@leefbaar.demo', name: 'Sara El Amrani', organisationId: institute.id },
		{ role: 'partner_staff', email: 'vlashaard@leefbaar.demo', name: 'Pieter Desmet', organisationId: vlashaard.id },
		{ role: 'partner_staff', email: 'ocmw@leefbaar.demo', name: 'Lien Vandenberghe', organisationId: ocmw.id }
	];
	for (const l of logins) await createUser(db, actor, { email: l.email, name: l.name, role: l.role, organisationId: l.organisationId, password: DEMO_PASSWORD });
	return logins.map(({ role, email }) => ({ role, email }));
}
