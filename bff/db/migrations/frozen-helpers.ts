import { PostgresAdapter, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely'

/**
 * The few dialect switches the migrations use, frozen with them: a migration must build the
 * same schema in a year as today, so it never calls live application code (bff/db/dialect.ts
 * may change). Never edit these; a new need gets a new function.
 */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

/** An auto-increment integer primary key in either dialect. */
export function withIdColumn<T extends string>(db: Kysely<any>, tb: CreateTableBuilder<T, never>) {
  return isPostgres(db)
    ? tb.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().generatedByDefaultAsIdentity())
    : tb.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement())
}
