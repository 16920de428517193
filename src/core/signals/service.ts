// What the signals module does, in one place for routes: intake, handling, reads, categories and routing rules.
export { reportSignal, registerSignal, newReference, normaliseReference, type IntakeResult, type IntakeOptions, type PhotoInput } from './intake';
export { changeStatus, addNote, assignSignal, setCategory, loadForAction, mayHandle, FEEDBACK_DAYS, type HandlingOptions } from './handling';
export { inbox, getSignal, trackByToken, trackByReference, type InboxItem, type InboxPage, type StaffSignalView, type TrackingView } from './queries';
export {
	ensureGeneralCategories,
	listCategories,
	createCategory,
	updateCategory,
	setRoutingRule,
	updateRoutingRule,
	getRoutingRule,
	deleteRoutingRule,
	listRoutingRules,
	GENERAL_CATEGORIES
} from './categories';
export { retrainIfDue, currentModel, storeModel } from './classifier-store';
export { nearbySignals, nearbyOffer, joinSignal, NEARBY_METRES, type NearbySignal, type JoinRequest, type JoinResult, type OfferQuestion } from './nearby';
export { takeIntakeSlot, intakeClientKey, type SlotAnswer } from './rate-limit';
export { bulkAction, BulkRefused, BULK_MAX, type BulkInput } from './bulk';
export { duplicateCandidates, mergeSignals, mergedInto, type DuplicateCandidate } from './duplicates';
export { inboxStatusCounts, type StatusCounts } from './inbox-counts';
export { waitingReferralCount } from './referral-counts';
export { colleagues, assigneesFor, type Assignee } from './assignees';
export { startPage, START_PAGE_MINE, type StartPage, type TeamOverdue } from './start-page';
export { signalFigures, figuresFilter, type Figures, type FiguresFilter, type GroupFigures, type Hotspot } from './figures';
export { publicSignalFigures, PUBLIC_KINDS, PUBLIC_FIGURE_MONTHS, type PublicSignalFigures, type PublicKindFigures } from './public-figures';
export {
	createCollectiveIssue,
	addSignalsToCollective,
	removeSignalsFromCollective,
	closeCollectiveIssue,
	reopenCollectiveIssue,
	listCollectiveIssues,
	getCollectiveIssue,
	exportCollectiveCsv,
	exportFiguresCsv,
	collectiveInput,
	selectForBundle,
	createCollectiveFromSelection,
	SELECTIONS,
	COLLECTIVE_STATUSES,
	type CollectiveView,
	type CollectiveSummary,
	type CollectiveStatus
} from './collective';
export {
	referSignal,
	referralChoices,
	recordReferralConsent,
	respondToReferral,
	withdrawReferral,
	incomingReferrals,
	outgoingReferrals,
	helpConsentInForce,
	helpConsentOrganisations,
	DEFAULT_REFERRAL_DAYS,
	type ReferInput,
	type RespondInput,
	type ReferralListItem,
	type ReferralChoices
} from './referrals';
export {
	createPartnerLink,
	revokePartnerLink,
	listPartnerLinks,
	openPartnerLink,
	answerPartnerLink,
	partnerPhoto,
	PARTNER_LINK_DAYS,
	type PartnerView,
	type PartnerLinkListItem
} from './partner-links';
export { feedbackView, answerFeedback, answerFromLink, type FeedbackView, type FeedbackAnswer } from './feedback';
export { sweepOverdue, sweepAnonymise, sweepClassifier, DEFAULT_CONTACT_RETENTION_DAYS } from './sweeps';
export { postReply, sayNotSolved, maySayNotSolved, REPLY_MAX_LENGTH, type ReplyInput, type NotSolvedInput, type ReplyAnswer } from './replies';
export { registerSignalWithPhotos, photoDigests, MAX_REPORT_PHOTOS } from './photos';
