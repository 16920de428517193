// What the signals module does, in one place for routes: intake, handling, reads, categories and routing rules.
export { reportSignal, registerSignal, newReference, normaliseReference, type IntakeResult, type IntakeOptions, type PhotoInput } from './intake';
export { changeStatus, addNote, assignSignal, setCategory, loadForAction, FEEDBACK_DAYS, type HandlingOptions } from './handling';
export { inbox, getSignal, trackByToken, trackByReference, type InboxItem, type InboxPage, type StaffSignalView, type TrackingView } from './queries';
export { ensureGeneralCategories, listCategories, createCategory, updateCategory, setRoutingRule, deleteRoutingRule, listRoutingRules, GENERAL_CATEGORIES } from './categories';
export { retrainIfDue, currentModel, storeModel } from './classifier-store';
export { nearbySignals, joinSignal, NEARBY_METRES, type NearbySignal, type JoinResult } from './nearby';
export { takeIntakeSlot, intakeClientKey, type SlotAnswer } from './rate-limit';
export { bulkAction, BulkRefused, BULK_MAX, type BulkInput } from './bulk';
export { duplicateCandidates, mergeSignals, mergedInto, type DuplicateCandidate } from './duplicates';
export { inboxStatusCounts, type StatusCounts } from './inbox-counts';
export { colleagues, assigneesFor, type Assignee } from './assignees';
export { signalFigures, figuresFilter, type Figures, type FiguresFilter, type GroupFigures, type Hotspot } from './figures';
export { createCollectiveIssue, addSignalsToCollective, removeSignalsFromCollective, closeCollectiveIssue, reopenCollectiveIssue, listCollectiveIssues, getCollectiveIssue, exportCollectiveCsv, exportFiguresCsv, collectiveInput, selectForBundle, createCollectiveFromSelection, SELECTIONS, COLLECTIVE_STATUSES, type CollectiveView, type CollectiveSummary, type CollectiveStatus } from './collective';
export { referSignal, respondToReferral, withdrawReferral, incomingReferrals, outgoingReferrals, helpConsentInForce, helpConsentOrganisations, DEFAULT_REFERRAL_DAYS, type ReferInput, type RespondInput, type ReferralListItem } from './referrals';
export { createPartnerLink, revokePartnerLink, listPartnerLinks, openPartnerLink, answerPartnerLink, partnerPhoto, PARTNER_LINK_DAYS, type PartnerView, type PartnerLinkListItem } from './partner-links';
export { feedbackView, answerFeedback, answerFromLink, type FeedbackView, type FeedbackAnswer } from './feedback';
export { sweepOverdue, sweepAnonymise, sweepClassifier, DEFAULT_CONTACT_RETENTION_DAYS } from './sweeps';
