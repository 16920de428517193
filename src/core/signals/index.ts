// The signals module's public entry: what routes, src/lib, scripts and other modules use of it. Everything else in this
// folder is the module's own (eslint/boundaries.js holds that); model.ts is the second entry, for the browser.
export {
	addSignalsToCollective,
	closeCollectiveIssue,
	COLLECTIVE_STATUSES,
	collectiveInput,
	createCollectiveFromSelection,
	createCollectiveIssue,
	exportCollectiveCsv,
	exportFiguresCsv,
	getCollectiveIssue,
	listCollectiveIssues,
	removeSignalsFromCollective,
	reopenCollectiveIssue,
	selectForBundle,
	SELECTIONS
} from './collective/collective';
export type { CollectiveStatus, CollectiveSummary, CollectiveView } from './collective/collective';
export { figuresFilter, signalFigures } from './figures/figures';
export type { Figures, FiguresFilter, GroupFigures, Hotspot } from './figures/figures';
export { PUBLIC_FIGURE_MONTHS, PUBLIC_KINDS, publicSignalFigures } from './figures/public-figures';
export type { PublicKindFigures, PublicSignalFigures } from './figures/public-figures';
export { assigneesFor, colleagues } from './handling/assignees';
export type { Assignee } from './handling/assignees';
export { BULK_MAX, bulkAction, BulkRefused } from './handling/bulk';
export type { BulkInput } from './handling/bulk';
export { duplicateCandidates, mergedInto, mergeSignals } from './handling/duplicates';
export type { DuplicateCandidate } from './handling/duplicates';
export { answerFeedback, answerFromLink, feedbackView } from './handling/feedback';
export type { FeedbackAnswer, FeedbackView } from './handling/feedback';
export { addNote, assignSignal, changeStatus, FEEDBACK_DAYS, loadForAction, mayHandle, setCategory } from './handling/handling';
export type { HandlingOptions } from './handling/handling';
export { inboxStatusCounts } from './handling/inbox-counts';
export type { StatusCounts } from './handling/inbox-counts';
export { getSignal, inbox, trackByReference, trackByToken } from './handling/queries';
export type { InboxItem, InboxPage, StaffSignalView, TrackingView } from './handling/queries';
export { maySayNotSolved, postReply, REPLY_MAX_LENGTH, sayNotSolved } from './handling/replies';
export type { NotSolvedInput, ReplyAnswer, ReplyInput } from './handling/replies';
export { START_PAGE_MINE, startPage } from './handling/start-page';
export type { StartPage, TeamOverdue } from './handling/start-page';
export { newReference, normaliseReference, registerSignal, reportSignal } from './intake/intake';
export type { IntakeOptions, IntakeResult, PhotoInput } from './intake/intake';
export { joinSignal, NEARBY_METRES, nearbyOffer, nearbySignals } from './intake/nearby';
export type { JoinRequest, JoinResult, NearbySignal, OfferQuestion } from './intake/nearby';
export {
	closePendingPhotos,
	discardPendingPhotos,
	FORM_TOKEN,
	keepPendingPhotos,
	MAX_REPORT_PHOTOS,
	pendingPhotos,
	photoDigests,
	readReportPhotos,
	registerSignalWithPhotos,
	staffPhoto,
	trackingPhoto
} from './intake/photos';
export { joinFromReportForm, postReportForm, REPORT_FORM_FIELDS, reportPlace } from './intake/report-form';
export type { FormOutcome, JoinOutcome, ReportFormValues, ReportPlace } from './intake/report-form';
export { reportMapBounds } from './intake/report-map';
export { authenticateOpen311, issueOpen311Client, listOpen311Clients, revokeOpen311Client } from './open311/clients';
export type { Open311ClientInput } from './open311/clients';
export {
	checkJurisdiction,
	createServiceRequest,
	discovery,
	gatherOpen311Fields,
	getServiceRequest,
	listServiceRequests,
	listServices,
	localeFrom,
	open311Errors,
	Open311RateLimited,
	serviceDefinition,
	servicesChangeset
} from './open311/requests';
export { open311PostInput } from './open311/schema';
export {
	answerPartnerLink,
	createPartnerLink,
	listPartnerLinks,
	openPartnerLink,
	PARTNER_LINK_DAYS,
	partnerPhoto,
	revokePartnerLink
} from './referrals/partner-links';
export type { PartnerLinkListItem, PartnerView } from './referrals/partner-links';
export { waitingReferralCount } from './referrals/referral-counts';
export {
	DEFAULT_REFERRAL_DAYS,
	helpConsentInForce,
	helpConsentOrganisations,
	incomingReferrals,
	outgoingReferrals,
	recordReferralConsent,
	referralChoices,
	referSignal,
	respondToReferral,
	withdrawReferral
} from './referrals/referrals';
export type { ReferInput, ReferralChoices, ReferralListItem, RespondInput } from './referrals/referrals';
export {
	createCategory,
	DEFAULT_ESCALATION_DAYS,
	deleteRoutingRule,
	ensureGeneralCategories,
	GENERAL_CATEGORIES,
	getRoutingRule,
	listCategories,
	listRoutingRules,
	setRoutingRule,
	updateCategory,
	updateRoutingRule
} from './routing/categories';
export type { CategoryInput, RoutingRuleInput } from './routing/categories';
export { currentModel, retrainIfDue, storeModel } from './routing/classifier-store';
export { DEFAULT_CONTACT_RETENTION_DAYS, sweepAnonymise, sweepClassifier, sweepOverdue, sweepPendingPhotos } from './sweeps';
