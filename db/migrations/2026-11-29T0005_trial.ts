// The trial phase: the team's protocol and its indicators, the sites that volunteer (or are invited)
// to try a short-listed innovation with their context, the team's choice among them, the sites'
// reports (indicators before and after, fidelity checklist, satisfaction …) and their attachments,
// and the edition's weight of trial evidence in the final ranking.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('editions')
		// Share (in %) of the trial-evidence score in the final ranking; 0 = jury score alone.
		.addColumn('trial_evidence_weight', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(0)
				.check(sql`trial_evidence_weight between 0 and 100`)
		)
		.execute();

	await db.schema
		.createTable('trial_protocols')
		.addColumn('entry_id', 'integer', (c) =>
			c.primaryKey().references('entries.id').onDelete('cascade')
		)
		.addColumn('objectives', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('duration_weeks', 'integer', (c) => c.check(sql`duration_weeks between 1 and 52`))
		// What a site must do, one step per line: the steps are the report's fidelity checklist.
		.addColumn('site_tasks', 'text', (c) => c.notNull().defaultTo(''))
		// How many sites the team takes at most.
		.addColumn('capacity', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(3)
				.check(sql`capacity between 1 and 50`)
		)
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.execute();

	await db.schema
		.createTable('trial_indicators')
		.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
		.addColumn('entry_id', 'integer', (c) =>
			c.notNull().references('entries.id').onDelete('cascade')
		)
		.addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('unit', 'text', (c) => c.notNull().defaultTo(''))
		// The change the team expects: up, down (an absence rate …) or stable.
		.addColumn('direction', 'text', (c) =>
			c.notNull().check(sql`direction in ('increase', 'decrease', 'stable')`)
		)
		.execute();
	await db.schema
		.createIndex('trial_indicators_entry_idx')
		.on('trial_indicators')
		.columns(['entry_id', 'position'])
		.execute();

	await db.schema
		.alterTable('trial_sites')
		.addColumn('academie', 'text')
		.addColumn('kind', 'text', (c) =>
			c.check(sql`kind in ('ecole', 'college', 'lycee', 'service')`)
		)
		.addColumn('priority_education', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('area', 'text', (c) => c.check(sql`area in ('rural', 'urbain')`))
		// Pupils (or agents for a service) concerned.
		.addColumn('size', 'integer', (c) => c.check(sql`size between 1 and 100000`))
		.addColumn('contact_name', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('contact_email', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('motivation', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('head_agreement', 'boolean', (c) => c.notNull().defaultTo(false))
		// How the site came: it volunteered, or the team or the organisers invited it.
		.addColumn('origin', 'text', (c) =>
			c
				.notNull()
				.defaultTo('volunteer')
				.check(sql`origin in ('volunteer', 'invited')`)
		)
		.addColumn('decided_at', 'timestamptz')
		.addColumn('decided_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('decline_reason', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('reminded_at', 'timestamptz')
		.execute();
	// One application per établissement and innovation.
	await db.schema
		.createIndex('trial_sites_entry_uai_key')
		.on('trial_sites')
		.columns(['entry_id', 'uai'])
		.unique()
		.execute();
	await db.schema
		.createIndex('trial_sites_decided_by_idx')
		.on('trial_sites')
		.column('decided_by')
		.execute();

	await db.schema
		.createTable('trial_reports')
		.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
		.addColumn('site_id', 'integer', (c) =>
			c.notNull().unique().references('trial_sites.id').onDelete('cascade')
		)
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('draft')
				.check(sql`status in ('draft', 'submitted')`)
		)
		// The protocol's steps, each 'full' | 'partial' | 'no', in the protocol's order.
		.addColumn('fidelity', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
		.addColumn('adaptations', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('satisfaction', 'integer', (c) => c.check(sql`satisfaction between 1 and 5`))
		.addColumn('will_continue', 'boolean')
		.addColumn('continue_reason', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('comments', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('submitted_at', 'timestamptz')
		.execute();

	await db.schema
		.createTable('trial_report_values')
		.addColumn('report_id', 'integer', (c) =>
			c.notNull().references('trial_reports.id').onDelete('cascade')
		)
		.addColumn('indicator_id', 'integer', (c) =>
			c.notNull().references('trial_indicators.id').onDelete('cascade')
		)
		.addColumn('before', 'double precision')
		.addColumn('after', 'double precision')
		.addPrimaryKeyConstraint('trial_report_values_pkey', ['report_id', 'indicator_id'])
		.execute();
	await db.schema
		.createIndex('trial_report_values_indicator_idx')
		.on('trial_report_values')
		.column('indicator_id')
		.execute();

	await db.schema
		.createTable('trial_attachments')
		.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
		.addColumn('site_id', 'integer', (c) =>
			c.notNull().references('trial_sites.id').onDelete('cascade')
		)
		.addColumn('file_name', 'text', (c) => c.notNull())
		.addColumn('mime', 'text', (c) => c.notNull())
		.addColumn('size', 'integer', (c) => c.notNull())
		.addColumn('sha256', 'text', (c) => c.notNull())
		.addColumn('content', 'bytea', (c) => c.notNull())
		.addColumn('uploaded_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema
		.createIndex('trial_attachments_site_idx')
		.on('trial_attachments')
		.column('site_id')
		.execute();
	await db.schema
		.createIndex('trial_attachments_uploaded_by_idx')
		.on('trial_attachments')
		.column('uploaded_by')
		.execute();

	// Sites invited by e-mail: the link leads to the volunteer form of that innovation.
	await sql`alter table invitations drop constraint invitations_role_check`.execute(db);
	await sql`alter table invitations add constraint invitations_role_check
		check (role in ('organiser', 'juror', 'member', 'site'))`.execute(db);
	await sql`alter table invitations add constraint invitations_site_has_entry
		check (role <> 'site' or entry_id is not null)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`delete from invitations where role = 'site'`.execute(db);
	await sql`alter table invitations drop constraint invitations_site_has_entry`.execute(db);
	await sql`alter table invitations drop constraint invitations_role_check`.execute(db);
	await sql`alter table invitations add constraint invitations_role_check
		check (role in ('organiser', 'juror', 'member'))`.execute(db);
	for (const table of [
		'trial_attachments',
		'trial_report_values',
		'trial_reports',
		'trial_indicators',
		'trial_protocols'
	])
		await db.schema.dropTable(table).execute();
	await db.schema.dropIndex('trial_sites_entry_uai_key').execute();
	await db.schema.dropIndex('trial_sites_decided_by_idx').execute();
	let sites = db.schema.alterTable('trial_sites').dropColumn('academie');
	for (const column of [
		'kind',
		'priority_education',
		'area',
		'size',
		'contact_name',
		'contact_email',
		'motivation',
		'head_agreement',
		'origin',
		'decided_at',
		'decided_by',
		'decline_reason',
		'reminded_at'
	])
		sites = sites.dropColumn(column);
	await sites.execute();
	await db.schema.alterTable('editions').dropColumn('trial_evidence_weight').execute();
}
