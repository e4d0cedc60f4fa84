// Database types for Kysely. Columns with a database default are Generated (optional on insert).
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<
	Date | null,
	Date | string | null | undefined,
	Date | string | null
>;
type Json = ColumnType<unknown, string | undefined | null, string | null>;

export interface UsersTable {
	id: Generated<number>;
	email: string;
	name: string;
	password_hash: string;
	email_verified_at: NullableTimestamp;
	is_organiser: Generated<boolean>;
	created_at: Timestamp;
	updated_at: Timestamp;
}

export interface SessionsTable {
	token_hash: string;
	user_id: number;
	created_at: Timestamp;
	expires_at: Date;
}

export type TokenPurpose = 'verify_email' | 'reset_password';

export interface AuthTokensTable {
	token_hash: string;
	purpose: TokenPurpose;
	user_id: number;
	created_at: Timestamp;
	expires_at: Date;
	used_at: NullableTimestamp;
}

export interface AuthFailuresTable {
	id: Generated<number>;
	scope: string;
	key: string;
	at: Timestamp;
}

export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface OutboxTable {
	id: Generated<number>;
	recipient: string;
	subject: string;
	body_text: string;
	body_html: string;
	status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>;
	attempts: Generated<number>;
	next_attempt_at: Timestamp;
	last_error: string | null;
	created_at: Timestamp;
	sent_at: NullableTimestamp;
}

export interface EditionsTable {
	id: Generated<number>;
	year: number;
	title: string;
	phase: Generated<string>;
	snapshot: Json;
	machine_version: Generated<number>;
	version: Generated<number>;
	opens_at: NullableTimestamp;
	submissions_close_at: NullableTimestamp;
	ceremony_at: NullableTimestamp;
	created_at: Timestamp;
	// Workflow (migration 0002): the rest of the calendar and the edition's settings.
	eligibility_at: NullableTimestamp;
	preselection_at: NullableTimestamp;
	trial_starts_at: NullableTimestamp;
	trial_ends_at: NullableTimestamp;
	final_at: NullableTimestamp;
	min_trial_reports: Generated<number>;
	conflict_same_academie: Generated<boolean>;
	// Jury (migration 0004).
	jurors_per_entry: Generated<number>;
	scores_public: Generated<boolean>;
	feedback_released_at: NullableTimestamp;
	/** Share (in %) of the trial-evidence score in the final ranking; 0 = jury score alone. */
	trial_evidence_weight: Generated<number>;
}

export interface EditionThemesTable {
	id: Generated<number>;
	edition_id: number;
	name: string;
	position: Generated<number>;
}

export interface CategoriesTable {
	id: Generated<number>;
	edition_id: number;
	name: string;
	position: Generated<number>;
}

export interface EntriesTable {
	id: Generated<number>;
	edition_id: number;
	category_id: number | null;
	title: string;
	summary: Generated<string>;
	state: Generated<string>;
	snapshot: Json;
	machine_version: Generated<number>;
	version: Generated<number>;
	award: 'prize' | 'mention' | null;
	created_at: Timestamp;
	updated_at: Timestamp;
	uai: string | null;
	etablissement_name: Generated<string>;
	/** Derived from the UAI code when it is saved, never asked. */
	academie: string | null;
	problem: Generated<string>;
	solution: Generated<string>;
	audience: Generated<string>;
	results: Generated<string>;
	transferability: Generated<string>;
	resources: Generated<string>;
	publication_consent: Generated<boolean>;
	/** Bumped by every save of the dossier: a save based on an older version is refused. */
	dossier_version: Generated<number>;
}

export interface EntryThemesTable {
	entry_id: number;
	theme_id: number;
}

export interface AttachmentsTable {
	id: Generated<number>;
	entry_id: number;
	file_name: string;
	mime: string;
	size: number;
	sha256: string;
	content: Uint8Array;
	uploaded_by: number | null;
	created_at: Timestamp;
}

export interface EntryMembersTable {
	entry_id: number;
	user_id: number;
	role: 'lead' | 'member';
	publish_name: Generated<boolean>;
	added_at: Timestamp;
}

export interface EditionJurorsTable {
	edition_id: number;
	user_id: number;
	added_at: Timestamp;
	// Jury (migration 0004): the rounds he sits in, his établissement and académie.
	preselection: Generated<boolean>;
	final: Generated<boolean>;
	uai: string | null;
	academie: string | null;
}

/** A jury round: preselection (round 1) or final (round 2). */
export type JuryRound = 'preselection' | 'final';

export interface JurorExpertiseTable {
	edition_id: number;
	user_id: number;
	category_id: number;
}

export interface CriteriaTable {
	id: Generated<number>;
	edition_id: number;
	round: JuryRound;
	position: Generated<number>;
	label: string;
	description: Generated<string>;
	weight: number;
	scale_min: Generated<number>;
	scale_max: Generated<number>;
	/** One descriptor per level, from scale_min to scale_max (a JSON array of strings). */
	levels: ColumnType<string[], string | undefined, string>;
}

export type ConflictSource = 'automatic' | 'juror' | 'team';

export interface ConflictsTable {
	id: Generated<number>;
	entry_id: number;
	juror_id: number;
	source: ConflictSource;
	reason: string;
	declared_by: number | null;
	created_at: Timestamp;
}

export interface AssignmentsTable {
	entry_id: number;
	round: JuryRound;
	juror_id: number;
	manual: Generated<boolean>;
	created_at: Timestamp;
}

export interface ReviewsTable {
	id: Generated<number>;
	entry_id: number;
	round: JuryRound;
	juror_id: number;
	status: ColumnType<'draft' | 'submitted', 'draft' | 'submitted' | undefined>;
	comment_team: Generated<string>;
	comment_jury: Generated<string>;
	version: Generated<number>;
	updated_at: Timestamp;
	submitted_at: NullableTimestamp;
}

export interface ScoresTable {
	review_id: number;
	criterion_id: number;
	level: number;
}

export type TrialSiteStatus = 'volunteer' | 'accepted' | 'declined';
export type TrialSiteKind = 'ecole' | 'college' | 'lycee' | 'service';
export type TrialSiteArea = 'rural' | 'urbain';
export type IndicatorDirection = 'increase' | 'decrease' | 'stable';
export type FidelityLevel = 'full' | 'partial' | 'no';

export interface TrialSitesTable {
	id: Generated<number>;
	entry_id: number;
	/** The établissement's or service's name. */
	name: string;
	uai: string | null;
	academie: string | null;
	kind: TrialSiteKind | null;
	priority_education: Generated<boolean>;
	area: TrialSiteArea | null;
	/** Pupils (or agents, for a service) concerned. */
	size: number | null;
	contact_user_id: number | null;
	contact_name: Generated<string>;
	contact_email: Generated<string>;
	motivation: Generated<string>;
	head_agreement: Generated<boolean>;
	origin: ColumnType<'volunteer' | 'invited', 'volunteer' | 'invited' | undefined>;
	status: ColumnType<TrialSiteStatus, TrialSiteStatus | undefined>;
	decided_at: NullableTimestamp;
	decided_by: number | null;
	decline_reason: Generated<string>;
	reminded_at: NullableTimestamp;
	created_at: Timestamp;
}

export interface TrialProtocolsTable {
	entry_id: number;
	objectives: Generated<string>;
	duration_weeks: number | null;
	/** What a site must do, one step per line: the report's fidelity checklist. */
	site_tasks: Generated<string>;
	/** How many sites the team takes at most. */
	capacity: Generated<number>;
	version: Generated<number>;
	updated_at: Timestamp;
	updated_by: number | null;
}

export interface TrialIndicatorsTable {
	id: Generated<number>;
	entry_id: number;
	position: Generated<number>;
	name: string;
	unit: Generated<string>;
	direction: IndicatorDirection;
}

export interface TrialReportsTable {
	id: Generated<number>;
	site_id: number;
	status: ColumnType<'draft' | 'submitted', 'draft' | 'submitted' | undefined>;
	/** One level per step of the protocol's site_tasks, in order. */
	fidelity: ColumnType<FidelityLevel[], string | undefined, string>;
	adaptations: Generated<string>;
	satisfaction: number | null;
	will_continue: boolean | null;
	continue_reason: Generated<string>;
	comments: Generated<string>;
	version: Generated<number>;
	updated_at: Timestamp;
	submitted_at: NullableTimestamp;
}

export interface TrialReportValuesTable {
	report_id: number;
	indicator_id: number;
	before: number | null;
	after: number | null;
}

export interface TrialAttachmentsTable {
	id: Generated<number>;
	site_id: number;
	file_name: string;
	mime: string;
	size: number;
	sha256: string;
	content: Uint8Array;
	uploaded_by: number | null;
	created_at: Timestamp;
}

/** 'member': a co-author invited to a candidature; 'site': a trial site invited to try it (entry_id set). */
export type InvitationRole = 'organiser' | 'juror' | 'member' | 'site';

export interface InvitationsTable {
	id: Generated<number>;
	token_hash: string;
	email: string;
	role: InvitationRole;
	edition_id: number | null;
	entry_id: ColumnType<number | null, number | null | undefined, number | null>;
	invited_by: number;
	created_at: Timestamp;
	expires_at: Date;
	accepted_at: NullableTimestamp;
	accepted_by: number | null;
}

export type EventEntity = 'edition' | 'entry';

/** A column of the append-only event log: set on insert, never updated (the database refuses it too). */
type AppendOnly<T, I = T> = ColumnType<T, I, never>;

export interface EventsTable {
	id: ColumnType<number, number | undefined, never>;
	edition_id: AppendOnly<number>;
	entity: AppendOnly<EventEntity>;
	entity_id: AppendOnly<number>;
	actor_id: AppendOnly<number | null, number | null | undefined>;
	type: AppendOnly<string>;
	from_state: AppendOnly<string>;
	to_state: AppendOnly<string>;
	payload: AppendOnly<unknown, string | undefined>;
	created_at: AppendOnly<Date, Date | string>;
	prev_hash: AppendOnly<string | null>;
	hash: AppendOnly<string>;
	machine_version: AppendOnly<number>;
}

export interface Database {
	users: UsersTable;
	sessions: SessionsTable;
	auth_tokens: AuthTokensTable;
	auth_failures: AuthFailuresTable;
	outbox: OutboxTable;
	editions: EditionsTable;
	categories: CategoriesTable;
	entries: EntriesTable;
	entry_themes: EntryThemesTable;
	attachments: AttachmentsTable;
	entry_members: EntryMembersTable;
	edition_jurors: EditionJurorsTable;
	trial_sites: TrialSitesTable;
	trial_protocols: TrialProtocolsTable;
	trial_indicators: TrialIndicatorsTable;
	trial_reports: TrialReportsTable;
	trial_report_values: TrialReportValuesTable;
	trial_attachments: TrialAttachmentsTable;
	invitations: InvitationsTable;
	edition_themes: EditionThemesTable;
	events: EventsTable;
	criteria: CriteriaTable;
	juror_expertise: JurorExpertiseTable;
	conflicts: ConflictsTable;
	assignments: AssignmentsTable;
	reviews: ReviewsTable;
	scores: ScoresTable;
}

export type User = Selectable<UsersTable>;
export type NewOutboxMessage = Insertable<OutboxTable>;
