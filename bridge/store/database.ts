/** What the rest of the bridge sees of a SQLite connection, whichever driver opened it (./sqlite.ts). */
export type SqlValue = string | number | bigint | null | Uint8Array;

export interface Statement {
  run(...params: SqlValue[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  get(...params: SqlValue[]): Record<string, unknown> | undefined;
  all(...params: SqlValue[]): Record<string, unknown>[];
}

export interface Database {
  readonly path: string;
  readonly driver: "better-sqlite3" | "node:sqlite";
  exec(sql: string): void;
  prepare(sql: string): Statement;
  /**
   * Each row of a SELECT as an array of its columns, in order, one at a time: a pass over many rows (a year's report)
   * neither builds an object per row nor holds them all.
   */
  iterateArrays(sql: string, ...params: SqlValue[]): IterableIterator<unknown[]>;
  /** Runs fn in a transaction (nested calls join the outer one). */
  transaction<T>(fn: () => T): T;
  close(): void;
}
