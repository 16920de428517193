// The translations the root layout (menu, sign-out) needs on a page that runs in the browser (the survey tablet, the
// intake form), beyond the page's own namespaces: a label added to the menu from another namespace goes here, once.
export const LAYOUT_MESSAGE_NAMESPACES = ['common'] as const;
export const LAYOUT_MESSAGE_KEYS = [
	'inbox.nav',
	'referrals.list_title',
	'referrals.nav_waiting',
	'figures.nav',
	'survey_builder.nav',
	'survey_tablet.sign_out_waiting',
	'signal_offline.sign_out_waiting'
];
