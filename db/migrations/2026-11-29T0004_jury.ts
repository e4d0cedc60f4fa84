// The jury: criteria per round (with a descriptor for each level of their scale), jurors' rounds,
// établissement and expertise, conflicts of interest, assignments, reviews and their scores, and the
// edition's jury settings (jurors per candidature, scores shown to teams, feedback released).
import { sql, type Kysely } from 'kysely';

const ROUNDS = sql`('preselection', 'final')`;

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('editions')
		.addColumn('jurors_per_entry', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(3)
				.check(sql`jurors_per_entry between 1 and 10`)
		)
		.addColumn('scores_public', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('feedback_released_at', 'timestamptz')
		.execute();

	await db.schema
		.createTable('criteria')
		.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
		.addColumn('edition_id', 'integer', (c) =>
			c.notNull().references('editions.id').onDelete('cascade')
		)
		.addColumn('round', 'text', (c) => c.notNull().check(sql`round in ${ROUNDS}`))
		.addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('label', 'text', (c) => c.notNull())
		.addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('weight', 'integer', (c) => c.notNull().check(sql`weight between 0 and 100`))
		.addColumn('scale_min', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('scale_max', 'integer', (c) => c.notNull().defaultTo(4))
		// One descriptor per level, from scale_min to scale_max.
		.addColumn('levels', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
		.addCheckConstraint('criteria_scale_check', sql`scale_max > scale_min`)
		.execute();
	await db.schema
		.createIndex('criteria_edition_round_idx')
		.on('criteria')
		.columns(['edition_id', 'round', 'position'])
		.execute();

	await db.schema
		.alterTable('edition_jurors')
		.addColumn('preselection', 'boolean', (c) => c.notNull().defaultTo(true))
		.addColumn('final', 'boolean', (c) => c.notNull().defaultTo(true))
		.addColumn('uai', 'text')
		.addColumn('academie', 'text')
		.execute();
	await db.schema
		.createTable('juror_expertise')
		.addColumn('edition_id', 'integer', (c) => c.notNull())
		.addColumn('user_id', 'integer', (c) => c.notNull())
		.addColumn('category_id', 'integer', (c) =>
			c.notNull().references('categories.id').onDelete('cascade')
		)
		.addPrimaryKeyConstraint('juror_expertise_pkey', ['edition_id', 'user_id', 'category_id'])
		.addForeignKeyConstraint(
			'juror_expertise_juror_fkey',
			['edition_id', 'user_id'],
			'edition_jurors',
			['edition_id', 'user_id'],
			(fk) => fk.onDelete('cascade')
		)
		.execute();
	await db.schema
		.createIndex('juror_expertise_category_id_idx')
		.on('juror_expertise')
		.column('category_id')
		.execute();

	await db.schema
		.createTable('conflicts')
		.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
		.addColumn('entry_id', 'integer', (c) =>
			c.notNull().references('entries.id').onDelete('cascade')
		)
		.addColumn('juror_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('source', 'text', (c) =>
			c.notNull().check(sql`source in ('automatic', 'juror', 'team')`)
		)
		.addColumn('reason', 'text', (c) => c.notNull())
		.addColumn('declared_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addUniqueConstraint('conflicts_entry_juror_source_key', ['entry_id', 'juror_id', 'source'])
		.execute();
	await db.schema
		.createIndex('conflicts_juror_id_idx')
		.on('conflicts')
		.column('juror_id')
		.execute();
	await db.schema
		.createIndex('conflicts_declared_by_idx')
		.on('conflicts')
		.column('declared_by')
		.execute();

	await db.schema
		.createTable('assignments')
		.addColumn('entry_id', 'integer', (c) =>
			c.notNull().references('entries.id').onDelete('cascade')
		)
		.addColumn('round', 'text', (c) => c.notNull().check(sql`round in ${ROUNDS}`))
		.addColumn('juror_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		// Set by hand by an organiser: kept when the automatic assignment runs again.
		.addColumn('manual', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addPrimaryKeyConstraint('assignments_pkey', ['entry_id', 'round', 'juror_id'])
		.execute();
	await db.schema
		.createIndex('assignments_juror_round_idx')
		.on('assignments')
		.columns(['juror_id', 'round'])
		.execute();

	await db.schema
		.createTable('reviews')
		.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
		.addColumn('entry_id', 'integer', (c) =>
			c.notNull().references('entries.id').onDelete('cascade')
		)
		.addColumn('round', 'text', (c) => c.notNull().check(sql`round in ${ROUNDS}`))
		.addColumn('juror_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('draft')
				.check(sql`status in ('draft', 'submitted')`)
		)
		.addColumn('comment_team', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('comment_jury', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('submitted_at', 'timestamptz')
		.addUniqueConstraint('reviews_entry_round_juror_key', ['entry_id', 'round', 'juror_id'])
		.execute();
	await db.schema
		.createIndex('reviews_juror_round_idx')
		.on('reviews')
		.columns(['juror_id', 'round'])
		.execute();

	await db.schema
		.createTable('scores')
		.addColumn('review_id', 'integer', (c) =>
			c.notNull().references('reviews.id').onDelete('cascade')
		)
		.addColumn('criterion_id', 'integer', (c) =>
			c.notNull().references('criteria.id').onDelete('cascade')
		)
		.addColumn('level', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('scores_pkey', ['review_id', 'criterion_id'])
		.execute();
	await db.schema
		.createIndex('scores_criterion_id_idx')
		.on('scores')
		.column('criterion_id')
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'scores',
		'reviews',
		'assignments',
		'conflicts',
		'juror_expertise',
		'criteria'
	])
		await db.schema.dropTable(table).execute();
	await db.schema
		.alterTable('edition_jurors')
		.dropColumn('preselection')
		.dropColumn('final')
		.dropColumn('uai')
		.dropColumn('academie')
		.execute();
	await db.schema
		.alterTable('editions')
		.dropColumn('jurors_per_entry')
		.dropColumn('scores_public')
		.dropColumn('feedback_released_at')
		.execute();
}
