// What the staff signal pages are sent of core's signal data: only the fields a page shows, named as the page names
// them. The route calls core, then a presenter; no load shapes rows by hand, so no column reaches a page by accident.
import type { SignalCategory } from '$core/db';
import type { StaffSignalView } from '$core/signals';

/** A category to choose from on the signal page (with its translations and whether residents can still choose it). */
export const presentCategoryChoice = (c: SignalCategory) => ({
	id: c.id,
	name: c.name,
	nameFr: c.name_fr,
	nameEn: c.name_en,
	kind: c.kind,
	isActive: c.is_active
});

/** The signal a referral is written for: enough to name it and to know whether consent is needed. */
export const presentSignalToRefer = (signal: StaffSignalView['signal']) => ({
	id: signal.id,
	reference: signal.reference,
	isHelpRequest: signal.is_help_request,
	hasResident: !!signal.resident_id,
	organisationName: signal.organisation_name
});
