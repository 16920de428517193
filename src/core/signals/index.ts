// The signals module's public entry: what routes, src/lib, scripts and other modules use of it. Everything else in this
// folder is the module's own (eslint/boundaries.js holds that); model.ts is the second entry, for the browser.
export { DEFAULT_ESCALATION_DAYS, createCategory, ensureGeneralCategories, setRoutingRule } from './categories';
export type { CategoryInput, RoutingRuleInput } from './categories';
export { storeModel } from './classifier-store';
export { train } from './classify';
export { closeCollectiveIssue, createCollectiveIssue } from './collective';
export { changeStatus } from './handling';
export type { HandlingOptions } from './handling';
export { registerSignal, reportSignal } from './intake';
export type { IntakeResult } from './intake';
export {
	Open311RateLimited,
	checkJurisdiction,
	createServiceRequest,
	discovery,
	gatherOpen311Fields,
	getServiceRequest,
	listServiceRequests,
	listServices,
	localeFrom,
	open311Errors,
	serviceDefinition,
	servicesChangeset
} from './open311';
export { authenticateOpen311, issueOpen311Client, listOpen311Clients, revokeOpen311Client } from './open311-clients';
export type { Open311ClientInput } from './open311-clients';
export { open311PostInput } from './open311-model';
export { FORM_TOKEN, closePendingPhotos, discardPendingPhotos, keepPendingPhotos, pendingPhotos, readReportPhotos, staffPhoto, trackingPhoto } from './photos';
export { takeIntakeSlot } from './rate-limit';
export { referSignal, respondToReferral } from './referrals';
export { checkReport, reportPlace, sendReport } from './report-form';
export type { ReportPlace } from './report-form';
export { reportMapBounds } from './report-map';
export {
	DEFAULT_REFERRAL_DAYS,
	PARTNER_LINK_DAYS,
	SELECTIONS,
	addNote,
	addSignalsToCollective,
	answerFeedback,
	answerFromLink,
	answerPartnerLink,
	assignSignal,
	assigneesFor,
	bulkAction,
	colleagues,
	createCollectiveFromSelection,
	createPartnerLink,
	deleteRoutingRule,
	duplicateCandidates,
	exportCollectiveCsv,
	exportFiguresCsv,
	feedbackView,
	getCollectiveIssue,
	getRoutingRule,
	getSignal,
	inbox,
	inboxStatusCounts,
	incomingReferrals,
	intakeClientKey,
	joinSignal,
	listCategories,
	listCollectiveIssues,
	listPartnerLinks,
	listRoutingRules,
	mergeSignals,
	mergedInto,
	nearbyOffer,
	openPartnerLink,
	outgoingReferrals,
	partnerPhoto,
	photoDigests,
	postReply,
	publicSignalFigures,
	recordReferralConsent,
	referralChoices,
	registerSignalWithPhotos,
	removeSignalsFromCollective,
	reopenCollectiveIssue,
	revokePartnerLink,
	sayNotSolved,
	selectForBundle,
	setCategory,
	signalFigures,
	startPage,
	trackByReference,
	trackByToken,
	updateCategory,
	updateRoutingRule,
	waitingReferralCount,
	withdrawReferral
} from './service';
export type { BulkInput, Figures, ReplyAnswer } from './service';
export { sweepAnonymise, sweepClassifier, sweepOverdue, sweepPendingPhotos } from './sweeps';
