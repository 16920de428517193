// The whole database as one Kysely type. Times are ISO-8601 UTC strings, booleans are booleans and JSON columns hold
// parsed values: core/db/data-edge.ts converts them on SQLite, the pg type parsers on PostgreSQL.
import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';

export type Json = unknown;
type Time = string;

export type OrganisationKind = 'regional_institute' | 'housing_company' | 'welfare_centre' | 'municipality' | 'association';
export type Role = 'admin' | 'coordinator' | 'community_worker' | 'partner_staff';
export type AreaKind = 'region' | 'municipality' | 'neighbourhood' | 'focus_area' | 'village';
export type ContactChannel = 'email' | 'phone' | 'letter' | 'visit';
export type TokenKind = 'invitation' | 'password_reset';

export interface OrganisationTable {
	id: string;
	name: string;
	kind: OrganisationKind;
	municipality_id: string | null;
	email: string | null;
	phone: string | null;
	created_at: Time;
	updated_at: Time;
}

/** Where an organisation works: the area and every area inside it. */
export interface OrganisationAreaTable {
	organisation_id: string;
	area_id: string;
	created_at: Time;
}

export interface TeamTable {
	id: string;
	organisation_id: string;
	name: string;
	created_at: Time;
}

export interface UserTable {
	id: string;
	email: string;
	name: string;
	password_hash: string | null;
	organisation_id: string | null;
	role: Role;
	locale: string;
	is_active: boolean;
	created_at: Time;
	updated_at: Time;
	last_login_at: Time | null;
}

export interface TeamMemberTable {
	team_id: string;
	user_id: string;
}

export interface SessionTable {
	/** sha256 of the cookie token: a database leak does not leak live sessions. */
	id: string;
	user_id: string;
	created_at: Time;
	expires_at: Time;
	last_seen_at: Time;
}

export interface TokenTable {
	id: string;
	kind: TokenKind;
	token_hash: string;
	user_id: string;
	created_at: Time;
	expires_at: Time;
	used_at: Time | null;
}

export interface AreaTable {
	id: string;
	parent_id: string | null;
	kind: AreaKind;
	name: string;
	name_fr: string | null;
	slug: string;
	/** Official code where there is one (NIS code of a municipality). */
	code: string | null;
	description: string | null;
	/** GeoJSON Polygon or MultiPolygon (WGS84). */
	boundary: Json | null;
	min_lon: number | null;
	min_lat: number | null;
	max_lon: number | null;
	max_lat: number | null;
	/** core/areas/addresses.ts placeKey of name and name_fr: how the place named in a typed address finds it. */
	name_key: string | null;
	name_fr_key: string | null;
	created_at: Time;
	updated_at: Time;
}

export interface EstateTable {
	id: string;
	area_id: string;
	name: string;
	slug: string;
	housing_company_id: string | null;
	description: string | null;
	lon: number | null;
	lat: number | null;
	boundary: Json | null;
	created_at: Time;
	updated_at: Time;
}

export interface BuildingTable {
	id: string;
	estate_id: string;
	name: string;
	street: string | null;
	house_number: string | null;
	postal_code: string | null;
	lon: number | null;
	lat: number | null;
	/** core/areas/addresses.ts streetKey and numberKey of street and house_number: how a typed address finds it. */
	street_key: string | null;
	number_key: string | null;
	created_at: Time;
}

export interface DwellingTable {
	id: string;
	building_id: string;
	/** The housing company's own dwelling number, the key of tenant imports. */
	external_ref: string | null;
	unit: string | null;
	street: string;
	house_number: string;
	box: string | null;
	postal_code: string;
	bedrooms: number | null;
	/** core/areas/addresses.ts streetKey and numberKey of street and house_number: how a typed address finds it. */
	street_key: string | null;
	number_key: string | null;
	created_at: Time;
	updated_at: Time;
}

export interface HouseholdTable {
	id: string;
	dwelling_id: string | null;
	/** The housing company's tenancy (contract) number. */
	external_ref: string | null;
	name: string;
	move_in_date: string | null;
	move_out_date: string | null;
	/** Who registered the household: it reaches a household without a dwelling in its working areas. */
	registered_by_organisation_id: string | null;
	created_at: Time;
	updated_at: Time;
}

export interface ResidentTable {
	id: string;
	household_id: string | null;
	external_ref: string | null;
	first_name: string;
	last_name: string;
	birth_year: number | null;
	language: string;
	contact_channel: ContactChannel;
	email: string | null;
	phone: string | null;
	is_volunteer: boolean;
	/** Who registered the resident: it reaches a resident without a household or dwelling. */
	registered_by_organisation_id: string | null;
	created_at: Time;
	updated_at: Time;
}

export interface ConsentTable {
	id: string;
	resident_id: string;
	organisation_id: string;
	/** What may be shared: contact details, the household's situation, a help request. */
	scope: string;
	purpose: string;
	given_at: Time;
	recorded_by: string | null;
	/** The organisation that spoke with the resident and recorded the consent (null: the resident, or the system). */
	recorded_by_organisation_id: string | null;
	withdrawn_at: Time | null;
	withdrawn_by: string | null;
	/** How the resident asked to withdraw it ("phoned the office on 3 December"). */
	withdrawal_note: string | null;
	/** The phone number and email address given to be contacted for this purpose (a help request), if any. */
	contact_phone: string | null;
	contact_email: string | null;
}

export interface AuditLogTable {
	id: string;
	at: Time;
	actor_id: string | null;
	actor_label: string;
	/** The acting staff member's organisation at the time: a coordinator reviews her own organisation's reads. */
	organisation_id: string | null;
	action: string;
	resource_type: string;
	resource_id: string | null;
	summary: string | null;
	request_id: string | null;
}

export interface OutboxTable {
	id: string;
	kind: string;
	payload: Json;
	created_at: Time;
	available_at: Time;
	attempts: number;
	locked_until: Time | null;
	done_at: Time | null;
	last_error: string | null;
}

export interface ImportJobTable {
	id: string;
	kind: 'areas' | 'tenants';
	status: 'running' | 'done' | 'failed';
	dry_run: boolean;
	file_name: string | null;
	total: number;
	processed: number;
	report: Json | null;
	created_by: string | null;
	created_at: Time;
	finished_at: Time | null;
}

export type SignalKind = 'home_repair' | 'common_spaces' | 'nuisance' | 'public_space' | 'help';
export type SignalStatus = 'new' | 'accepted' | 'in_progress' | 'waiting' | 'resolved' | 'closed' | 'rejected' | 'not_our_task';
export type SignalPriority = 'low' | 'normal' | 'high' | 'urgent';
export type SignalSource = 'web' | 'qr' | 'staff' | 'open311' | 'partner';
export type LocationKind = 'dwelling' | 'common_space' | 'map' | 'address' | 'none';
export type ReferralStatus = 'pending' | 'accepted' | 'declined' | 'withdrawn';

export interface SignalCategoryTable {
	id: string;
	key: string;
	kind: SignalKind;
	name: string;
	name_fr: string | null;
	name_en: string | null;
	sort_order: number;
	is_active: boolean;
	/** Working days after a signal's deadline before its coordinators hear of it (the second deadline); null: never. */
	escalation_days: number | null;
	created_at: Time;
	updated_at: Time;
}

export interface RoutingRuleTable {
	id: string;
	category_id: string;
	area_id: string | null;
	organisation_id: string;
	team_id: string | null;
	deadline_days: number;
	priority: SignalPriority;
	created_at: Time;
	updated_at: Time;
}

export interface Open311ClientTable {
	id: string;
	name: string;
	contact_email: string | null;
	key_hash: string;
	created_by: string | null;
	created_at: Time;
	revoked_at: Time | null;
	last_used_at: Time | null;
}

export interface CollectiveIssueTable {
	id: string;
	title: string;
	description: string | null;
	area_id: string | null;
	estate_id: string | null;
	category_id: string | null;
	status: 'open' | 'closed';
	/** What was agreed or decided, written when the issue is closed; kept when it is reopened. */
	outcome: string | null;
	closed_at: Time | null;
	closed_by: string | null;
	created_by: string | null;
	created_at: Time;
	updated_at: Time;
}

export interface SignalTable {
	id: string;
	reference: string;
	kind: SignalKind;
	category_id: string | null;
	suggested_category_id: string | null;
	is_help_request: boolean;
	description: string;
	status: SignalStatus;
	status_reason: string | null;
	priority: SignalPriority;
	area_id: string | null;
	estate_id: string | null;
	building_id: string | null;
	dwelling_id: string | null;
	location_kind: LocationKind;
	location_text: string | null;
	lon: number | null;
	lat: number | null;
	organisation_id: string | null;
	team_id: string | null;
	assignee_id: string | null;
	deadline_at: Time | null;
	source: SignalSource;
	channel: string | null;
	household_id: string | null;
	resident_id: string | null;
	consent_id: string | null;
	open311_client_id: string | null;
	merged_into_id: string | null;
	collective_issue_id: string | null;
	idempotency_key: string | null;
	/** SHA-256 of the post kept with its Idempotency-Key: the same key with another body is refused (core/idempotency). */
	idempotency_fingerprint: string | null;
	created_by: string | null;
	created_at: Time;
	updated_at: Time;
	first_response_at: Time | null;
	resolved_at: Time | null;
	closed_at: Time | null;
}

export interface SignalReporterTable {
	id: string;
	signal_id: string;
	is_original: boolean;
	name: string | null;
	email: string | null;
	phone: string | null;
	language: string;
	token_hash: string;
	created_at: Time;
	anonymised_at: Time | null;
	/** A "me too": what the neighbour wrote on the form. Null for a first reporter (their words are the signal's description). */
	description: string | null;
}

/** Earlier tracking links of a reporter, still valid (the newest one's hash is on signal_reporters). */
export interface SignalReporterLinkTable {
	token_hash: string;
	reporter_id: string;
	created_at: Time;
}

export interface SignalEventTable {
	id: string;
	signal_id: string;
	at: Time;
	actor_id: string | null;
	actor_label: string;
	kind: string;
	from_status: SignalStatus | null;
	to_status: SignalStatus | null;
	body: string | null;
	visibility: 'internal' | 'reporter';
	data: Json | null;
}

export interface SignalAttachmentTable {
	id: string;
	signal_id: string;
	file_key: string;
	thumbnail_key: string | null;
	media_type: string;
	width: number | null;
	height: number | null;
	bytes: number;
	sha256: string;
	is_public: boolean;
	uploaded_by: string | null;
	created_at: Time;
}

export interface ReferralTable {
	id: string;
	signal_id: string;
	from_organisation_id: string | null;
	to_organisation_id: string;
	to_team_id: string | null;
	note: string;
	status: ReferralStatus;
	response: string | null;
	consent_id: string | null;
	deadline_at: Time | null;
	created_by: string | null;
	created_at: Time;
	responded_by: string | null;
	responded_at: Time | null;
}

export interface PartnerLinkTable {
	id: string;
	signal_id: string;
	label: string;
	email: string | null;
	token_hash: string;
	created_by: string | null;
	created_at: Time;
	expires_at: Time;
	revoked_at: Time | null;
	opened_at: Time | null;
	answered_at: Time | null;
}

export interface SignalFeedbackTable {
	id: string;
	signal_id: string;
	reporter_id: string;
	token_hash: string;
	sent_at: Time;
	expires_at: Time;
	answered_at: Time | null;
	answer: 'solved' | 'not_solved' | null;
	comment: string | null;
}

export interface SignalReminderTable {
	signal_id: string;
	kind: string;
	sent_at: Time;
}

/** What became overdue (or escalated) in one episode of a signal: the insert is the claim. */
export interface OverdueNoticeTable {
	id: string;
	signal_id: string;
	kind: 'overdue' | 'escalation';
	deadline_at: Time;
	/** The signal's creation or its last reopening: a signal reopened after it ended may be noted again. */
	opened_at: Time;
	noted_at: Time;
}

/** Who hears of a notice, and in which day's digest ('YYYY-MM-DD' in Europe/Brussels; null while waiting). */
export interface OverdueNoticeRecipientTable {
	notice_id: string;
	email: string;
	user_id: string | null;
	name: string;
	locale: string;
	digest_day: string | null;
}

/** One digest per person per day. */
export interface OverdueDigestTable {
	email: string;
	day: string;
	sent_at: Time;
	notices: number;
}

export interface RateLimitTable {
	key: string;
	window_start: Time;
	count: number;
}

/** A throttled kind of attempt (sign-in, reset mail, link try) for one account or client address, by hash. */
export interface AuthThrottleTable {
	key: string;
	failures: number;
	last_failure_at: Time;
	blocked_until: Time | null;
	answer: ThrottleAnswer;
}

export type ThrottleAnswer = 'allowed' | 'wait' | 'blocked' | 'block_started';

export interface ClassifierModelTable {
	id: string;
	trained_at: Time;
	example_count: number;
	model: Json;
}

export type SurveyStatus = 'draft' | 'open' | 'closed';
export type SurveyChannel = 'open_link' | 'code' | 'paper' | 'tablet';
export type SurveyCodeStatus = 'unused' | 'used' | 'void';

export interface SurveyTable {
	id: string;
	organisation_id: string;
	slug: string;
	title_texts: Json;
	intro_texts: Json | null;
	consent_texts: Json;
	status: SurveyStatus;
	modes: Json;
	created_by: string | null;
	created_at: Time;
	updated_at: Time;
}

export interface SurveyTargetTable {
	survey_id: string;
	area_id: string | null;
	estate_id: string | null;
}

export interface SurveyPartnerTable {
	survey_id: string;
	organisation_id: string;
}

export interface SurveyVersionTable {
	id: string;
	survey_id: string;
	number: number;
	structure: Json;
	created_by: string | null;
	created_at: Time;
	updated_at: Time;
}

export interface SurveyWaveTable {
	id: string;
	survey_id: string;
	number: number;
	opens_at: Time;
	closes_at: Time | null;
	published_at: Time | null;
	feedback_texts: Json | null;
	created_by: string | null;
	created_at: Time;
	updated_at: Time;
}

export interface SurveyWaveEstateTable {
	wave_id: string;
	estate_id: string;
	households: number;
}

export interface SurveyCodeBatchTable {
	id: string;
	wave_id: string;
	households: number;
	created_by: string | null;
	created_at: Time;
	voided_at: Time | null;
}

/** No household, no time of use, no answer set: see the migration. */
export interface SurveyCodeTable {
	code_hash: string;
	survey_id: string;
	wave_id: string;
	batch_id: string;
	estate_id: string | null;
	status: SurveyCodeStatus;
}

/** A print run's letters, sealed with a key only the session that made them can derive: see the migration. */
export interface SurveyCodeLettersTable {
	batch_id: string;
	key_check: string;
	sealed: string;
	expires_at: Time;
}

export interface SurveyCodeRecipientTable {
	wave_id: string;
	household_id: string;
	batch_id: string;
}

export interface SurveyResponseTable {
	id: string;
	survey_id: string;
	wave_id: string;
	version_id: string;
	estate_id: string | null;
	channel: SurveyChannel;
	entered_by: string | null;
	language: string;
	submission_id: string;
	/** SHA-256 of a tablet's answer set kept with its submission id: the same id with other answers is refused. */
	submission_fingerprint: string | null;
	submitted_at: Time;
}

export interface SurveyAnswerTable {
	response_id: string;
	wave_id: string;
	estate_id: string | null;
	question_key: string;
	/** The option chosen or 'yes'/'no'; '' for a number, a scale value, or how many options of a multiple choice were ticked. */
	option_key: string;
	number_value: number | null;
}

export interface SurveyOpenAnswerTable {
	id: string;
	response_id: string;
	wave_id: string;
	estate_id: string | null;
	question_key: string;
	part: string;
	body: string;
	is_public: boolean;
}

export interface SurveyThemeTable {
	id: string;
	survey_id: string;
	name: string;
	created_by: string | null;
	created_at: Time;
	updated_at: Time;
}

export interface SurveyOpenAnswerThemeTable {
	open_answer_id: string;
	theme_id: string;
}

export interface SurveyDraftTable {
	token_hash: string;
	survey_id: string;
	code_hash: string | null;
	estate_id: string | null;
	language: string;
	answers: Json;
	step: number;
	created_at: Time;
	updated_at: Time;
	expires_at: Time;
}

export interface Database {
	organisations: OrganisationTable;
	organisation_areas: OrganisationAreaTable;
	teams: TeamTable;
	users: UserTable;
	team_members: TeamMemberTable;
	sessions: SessionTable;
	tokens: TokenTable;
	areas: AreaTable;
	estates: EstateTable;
	buildings: BuildingTable;
	dwellings: DwellingTable;
	households: HouseholdTable;
	residents: ResidentTable;
	consents: ConsentTable;
	audit_log: AuditLogTable;
	outbox: OutboxTable;
	import_jobs: ImportJobTable;
	signal_categories: SignalCategoryTable;
	routing_rules: RoutingRuleTable;
	open311_clients: Open311ClientTable;
	collective_issues: CollectiveIssueTable;
	signals: SignalTable;
	signal_reporters: SignalReporterTable;
	signal_reporter_links: SignalReporterLinkTable;
	signal_events: SignalEventTable;
	signal_attachments: SignalAttachmentTable;
	referrals: ReferralTable;
	partner_links: PartnerLinkTable;
	signal_feedback: SignalFeedbackTable;
	signal_reminders: SignalReminderTable;
	overdue_notices: OverdueNoticeTable;
	overdue_notice_recipients: OverdueNoticeRecipientTable;
	overdue_digests: OverdueDigestTable;
	rate_limits: RateLimitTable;
	auth_throttles: AuthThrottleTable;
	classifier_models: ClassifierModelTable;
	surveys: SurveyTable;
	survey_targets: SurveyTargetTable;
	survey_partners: SurveyPartnerTable;
	survey_versions: SurveyVersionTable;
	survey_waves: SurveyWaveTable;
	survey_wave_estates: SurveyWaveEstateTable;
	survey_code_batches: SurveyCodeBatchTable;
	survey_codes: SurveyCodeTable;
	survey_code_recipients: SurveyCodeRecipientTable;
	survey_code_letters: SurveyCodeLettersTable;
	survey_responses: SurveyResponseTable;
	survey_answers: SurveyAnswerTable;
	survey_open_answers: SurveyOpenAnswerTable;
	survey_themes: SurveyThemeTable;
	survey_open_answer_themes: SurveyOpenAnswerThemeTable;
	survey_drafts: SurveyDraftTable;
}

/** Columns SQLite stores as 0/1 and must be read back as booleans. */
export const BOOLEAN_COLUMNS = new Set(['is_active', 'is_volunteer', 'dry_run', 'is_help_request', 'is_original', 'is_public']);
/** Columns stored as JSON text on SQLite (jsonb on PostgreSQL). */
export const JSON_COLUMNS = new Set([
	'boundary',
	'payload',
	'report',
	'data',
	'model',
	'title_texts',
	'intro_texts',
	'consent_texts',
	'modes',
	'structure',
	'feedback_texts',
	'answers'
]);

export type Organisation = Selectable<OrganisationTable>;
export type NewOrganisation = Insertable<OrganisationTable>;
export type User = Selectable<UserTable>;
export type Area = Selectable<AreaTable>;
export type NewArea = Insertable<AreaTable>;
export type AreaUpdate = Updateable<AreaTable>;
export type Estate = Selectable<EstateTable>;
export type Building = Selectable<BuildingTable>;
export type Dwelling = Selectable<DwellingTable>;
export type Household = Selectable<HouseholdTable>;
export type Resident = Selectable<ResidentTable>;
export type Consent = Selectable<ConsentTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type ImportJob = Selectable<ImportJobTable>;
export type SignalCategory = Selectable<SignalCategoryTable>;
export type RoutingRule = Selectable<RoutingRuleTable>;
export type Signal = Selectable<SignalTable>;
export type NewSignal = Insertable<SignalTable>;
export type SignalReporter = Selectable<SignalReporterTable>;
export type SignalEvent = Selectable<SignalEventTable>;
export type SignalAttachment = Selectable<SignalAttachmentTable>;
export type Referral = Selectable<ReferralTable>;
export type PartnerLink = Selectable<PartnerLinkTable>;
export type CollectiveIssue = Selectable<CollectiveIssueTable>;
export type Open311Client = Selectable<Open311ClientTable>;
export type Survey = Selectable<SurveyTable>;
export type SurveyVersion = Selectable<SurveyVersionTable>;
export type SurveyWave = Selectable<SurveyWaveTable>;
export type SurveyResponse = Selectable<SurveyResponseTable>;
export type { ColumnType };
