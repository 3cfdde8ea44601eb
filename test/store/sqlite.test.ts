import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../bridge/store/sqlite.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();

describe("openDatabase", () => {
  it("creates the folder and a WAL-mode file with foreign keys on", () => {
    const path = join(tempDir(), "nested", "deeper", "bridge.db");
    const db = openDatabase(path);
    expect(db.driver).toBe("better-sqlite3");
    expect(db.prepare("PRAGMA journal_mode").get()).toEqual({ journal_mode: "wal" });
    expect(db.prepare("PRAGMA foreign_keys").get()).toEqual({ foreign_keys: 1 });
    db.close();
  });

  it("rolls a failed transaction back entirely, nested calls included, and commits a good one", () => {
    const path = join(tempDir(), "t.db");
    const db = openDatabase(path);
    db.exec("CREATE TABLE t (v TEXT NOT NULL UNIQUE)");
    const insert = (v: string): void => void db.prepare("INSERT INTO t (v) VALUES (?)").run(v);
    expect(() =>
      db.transaction(() => {
        insert("a");
        db.transaction(() => insert("b"));
        insert("a"); // UNIQUE violation
      }),
    ).toThrow(/UNIQUE/);
    expect(db.prepare("SELECT count(*) AS n FROM t").get()).toEqual({ n: 0 });
    db.transaction(() => {
      insert("x");
      insert("y");
    });
    db.close();
    const again = openDatabase(path);
    expect(again.prepare("SELECT v FROM t ORDER BY v").all()).toEqual([{ v: "x" }, { v: "y" }]);
    again.close();
  });

  it("streams a SELECT's rows as arrays in column order, while the same SQL prepared stays rows of objects", () => {
    const db = openDatabase(join(tempDir(), "arrays.db"));
    db.exec("CREATE TABLE t (a TEXT, b INTEGER)");
    for (const [a, b] of [
      ["x", 1],
      ["y", null],
      ["z", 3],
    ] as const)
      db.prepare("INSERT INTO t VALUES (?, ?)").run(a, b);
    const sql = "SELECT b, a FROM t WHERE a > ? ORDER BY a";
    expect([...db.iterateArrays(sql, "x")]).toEqual([
      [null, "y"],
      [3, "z"],
    ]);
    expect(db.prepare(sql).all("x")).toEqual([
      { b: null, a: "y" },
      { b: 3, a: "z" },
    ]);
    const first = db.iterateArrays(sql, "a");
    expect(first.next().value).toEqual([1, "x"]);
    first.return?.();
    expect([...db.iterateArrays(sql, "y")]).toEqual([[3, "z"]]);
    db.close();
  });
});
