/** SMS sent from Outlook (the pane's composer, the ribbon's templates), logged like calls. */
import type { Database } from "../store/sqlite.js";
import { numberTail } from "./number-tail.js";
import { all } from "../store/query.js";

export interface SmsRecord {
  id: number;
  number: string;
  /** SENDSMSSHABL: TelefUM's template window, the text is chosen there. */
  template: boolean;
  text: string;
  /** 1-4 a phone, 5 internet; null for a template. */
  device: number | null;
  sentAt: string;
  contactIds: string[];
}

interface Row {
  id: number;
  number: string;
  template: number;
  text: string;
  device: number | null;
  sent_at: string;
  contact_ids: string;
}

const hydrate = (r: Row): SmsRecord => ({
  id: Number(r.id),
  number: r.number,
  template: r.template === 1,
  text: r.text,
  device: r.device === null ? null : Number(r.device),
  sentAt: r.sent_at,
  contactIds: r.contact_ids ? r.contact_ids.split(",") : [],
});

export class SmsLog {
  constructor(private readonly db: Database) {}

  record(sms: Omit<SmsRecord, "id">): SmsRecord {
    const result = this.db
      .prepare(
        "INSERT INTO sms_log (number, tail, template, text, device, sent_at, contact_ids) VALUES (?, ?, ?, ?, ?, ?, ?)",
      )
      .run(
        sms.number,
        numberTail(sms.number),
        sms.template ? 1 : 0,
        sms.text,
        sms.device,
        sms.sentAt,
        sms.contactIds.join(","),
      );
    return { ...sms, id: Number(result.lastInsertRowid) };
  }

  /** Newest first. */
  forNumber(number: string, limit = 10): SmsRecord[] {
    return all<Row>(
      this.db.prepare("SELECT * FROM sms_log WHERE tail = ? ORDER BY sent_at DESC, id DESC LIMIT ?"),
      numberTail(number),
      limit,
    ).map(hydrate);
  }

  /** SMS whose line is not yet in the contacts' notes. */
  unnoted(limit = 50): SmsRecord[] {
    return all<Row>(this.db.prepare("SELECT * FROM sms_log WHERE noted = 0 ORDER BY id LIMIT ?"), limit).map(hydrate);
  }

  markNoted(id: number): void {
    this.db.prepare("UPDATE sms_log SET noted = 1 WHERE id = ?").run(id);
  }
}
