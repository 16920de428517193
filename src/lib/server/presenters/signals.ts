// What the staff signal pages are sent of core's signal data: only the fields a page shows, named as the page names
// them. The route calls core, then a presenter; no load shapes rows by hand, so no column reaches a page by accident.
import type { SignalCategory } from '$core/db';
import type { InboxItem, InboxPage, StaffSignalView } from '$core/signals';

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

/** The calendar day of a moment in Flanders (YYYY-MM-DD), the day a worker means by "today". */
const brusselsDay = (d: Date) => d.toLocaleDateString('en-CA', { timeZone: 'Europe/Brussels' });

/**
 * A row of the inbox: what the list shows of a signal, with the place in one line and whether its deadline falls
 * today (Brussels time), so the page only puts words to it.
 */
export const presentInboxRow = (item: InboxItem, now: Date) => ({
	id: item.id,
	reference: item.reference,
	isHelpRequest: item.isHelpRequest,
	summary: item.summary,
	/** The category's name, or null when it has none yet (the page then names the kind). */
	categoryName: item.categoryName,
	kind: item.kind,
	/** The estate and the area, once each when they carry the same name; empty when neither is known. */
	place: [...new Set([item.estateName, item.areaName].filter(Boolean))].join(', '),
	status: item.status,
	priority: item.priority,
	deadlineAt: item.deadlineAt,
	overdue: item.overdue,
	dueToday: !item.overdue && !!item.deadlineAt && brusselsDay(new Date(item.deadlineAt)) === brusselsDay(now),
	assigneeName: item.assigneeName
});

/** A page of the inbox: its rows, how many signals match in all, and which page of how many this is. */
export const presentInboxPage = (result: InboxPage, now: Date) => ({
	rows: result.items.map((item) => presentInboxRow(item, now)),
	total: result.total,
	page: result.page,
	pages: Math.max(1, Math.ceil(result.total / result.pageSize))
});
