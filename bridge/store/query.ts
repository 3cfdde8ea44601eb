/**
 * The one place a query's rows get their TypeScript type. SQLite knows nothing of the caller's row shape, so the
 * SQL beside each call is what vouches for `Row`; everywhere else reads typed rows without a cast.
 */
import type { Database, SqlValue, Statement } from "./database.js";

/** The first row the statement returns, or undefined. */
export function one<Row>(statement: Statement, ...params: SqlValue[]): Row | undefined {
  return statement.get(...params) as Row | undefined;
}

/** Every row the statement returns. */
export function all<Row>(statement: Statement, ...params: SqlValue[]): Row[] {
  return statement.all(...params) as Row[];
}

/** Each row of a SELECT as the tuple of its columns, streamed (`Database.iterateArrays`). */
export function eachArray<Row extends readonly unknown[]>(
  db: Database,
  sql: string,
  ...params: SqlValue[]
): IterableIterator<Row> {
  return db.iterateArrays(sql, ...params) as IterableIterator<Row>;
}
