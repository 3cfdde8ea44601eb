/**
 * Incoming-call lookups at 100k contacts: the directory query alone, and the whole CONTACT? → reply
 * round trip through the core, on a real SQLite file.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CallLog } from "../bridge/calls/call-log.js";
import { BridgeCore } from "../bridge/core/bridge-core.js";
import { EventHub } from "../bridge/core/events.js";
import type { ContactInput } from "../bridge/directory/contact.js";
import { openDirectory } from "../bridge/directory/directory.js";
import { phoneKey } from "../bridge/directory/phone-key.js";
import { openDatabase } from "../bridge/store/sqlite.js";
import { LoopbackTransport } from "../bridge/transport/loopback.js";
import { recordFigure } from "./figures.js";
import { formatSummary, summarise, timeMs } from "./stats.js";

const CONTACTS = 100_000;
const LOOKUPS = 2_000;

/** Distinct Ukrainian mobile numbers, written in the varied ways address books hold them. */
function numberFor(i: number): string {
  const local = String(500_000_000 + i * 37).padStart(9, "0");
  const forms = [
    `0${local}`,
    `+380 ${local.slice(0, 2)} ${local.slice(2, 5)} ${local.slice(5, 7)} ${local.slice(7)}`,
    `(0${local.slice(0, 2)}) ${local.slice(2, 5)}-${local.slice(5, 7)}-${local.slice(7)}`,
  ];
  return forms[i % forms.length]!;
}

function contactFor(i: number): ContactInput {
  return {
    source: "outlook",
    externalId: `AAMk${i}`,
    folderId: "contacts",
    name: `Контакт ${i}`,
    company: `Компанія ${i % 500}`,
    note: "",
    email: `c${i}@example.com`,
    phones: [{ number: numberFor(i), kind: "mobile" }],
  };
}

export async function runLookupBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "telefum-bench-"));
  try {
    const db = openDatabase(join(dir, "bridge.db"));
    const directory = openDirectory(db, { defaultRegion: "UA" });
    const fillMs = await timeMs(() =>
      db.transaction(() => {
        for (let i = 0; i < CONTACTS; i++) directory.upsert(contactFor(i));
      }),
    );
    console.log(
      `index ${CONTACTS} contacts: ${(fillMs / 1000).toFixed(2)} s ` +
        `(${Math.round(CONTACTS / (fillMs / 1000))} contacts/s)`,
    );

    const asked = Array.from({ length: LOOKUPS }, (_, k) => {
      const i = (k * 7919) % CONTACTS;
      // Every fourth lookup misses (an unknown caller): the tail fallback query runs too.
      return k % 4 === 3 ? `09${String(k).padStart(8, "0")}` : `0${String(500_000_000 + i * 37)}`;
    });
    // The floors: the incoming number parsed + one prepared indexed SELECT by its key; the SELECT alone.
    const floorQuery = db.prepare(
      "SELECT c.id, c.name, c.company, c.note FROM contact_phones p JOIN contacts c ON c.id = p.contact_id" +
        " WHERE p.key = ?",
    );
    const parseAndSelect: number[] = [];
    for (const number of asked)
      parseAndSelect.push(await timeMs(() => floorQuery.all(phoneKey(number, "UA")?.key ?? "")));
    // Every number here is asked for the first time: the directory has not seen it.
    const direct: number[] = [];
    for (const number of asked) direct.push(await timeMs(() => directory.lookup(number)));
    const keys = asked.map((number) => phoneKey(number, "UA")?.key ?? "");
    const selectOnly: number[] = [];
    for (const key of keys) selectOnly.push(await timeMs(() => floorQuery.all(key)));
    // The same numbers again: a caller who calls back.
    const again: number[] = [];
    for (const number of asked) again.push(await timeMs(() => directory.lookup(number)));
    const lookup = summarise(direct);
    console.log(formatSummary(`directory.lookup at ${CONTACTS} contacts, a new number`, lookup));
    console.log(formatSummary("directory.lookup, a number seen before", summarise(again)));
    console.log(formatSummary("floor: parse + one prepared indexed SELECT", summarise(parseAndSelect)));
    console.log(formatSummary("floor: one prepared indexed SELECT", summarise(selectOnly)));
    const µs = (samples: number[]): number => summarise(samples).p50Ms * 1000;
    recordFigure({
      name: "lookup p50 at 100k, a new number",
      value: µs(direct),
      floorName: "parse + the prepared SELECT",
      floor: µs(parseAndSelect),
      unit: "µs",
      goalRatio: 1.5,
    });
    recordFigure({
      name: "lookup p50 at 100k, a number seen before",
      value: µs(again),
      floorName: "the prepared SELECT",
      floor: µs(selectOnly),
      unit: "µs",
      goalRatio: 2,
    });

    const transport = new LoopbackTransport();
    const core = new BridgeCore({
      directory,
      callLog: new CallLog(db),
      transport,
      events: new EventHub(),
    });
    await core.start();
    const roundTrips: number[] = [];
    for (const number of asked) {
      roundTrips.push(
        await timeMs(async () => {
          transport.deliver(`CONTACT?^${number}^1^1^`);
          await core.idle();
        }),
      );
    }
    console.log(formatSummary("CONTACT? → reply through the core", summarise(roundTrips)));
    console.log(`rss after lookups: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
    await core.stop();
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
