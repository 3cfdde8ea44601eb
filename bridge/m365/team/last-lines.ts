/** TelefUM's phone and line per number from the last CONTACT? (`incoming-call`), for a few hundred numbers. */
import type { EventHub } from "../../core/events.js";
import type { LineOf } from "./team-rows.js";

const KEPT = 500;

export function lastLines(events: EventHub): LineOf {
  const lines = new Map<string, { device: number; line: number }>();
  events.on((event) => {
    if (event.type !== "incoming-call") return;
    lines.delete(event.number);
    lines.set(event.number, { device: event.device, line: event.line });
    if (lines.size > KEPT) lines.delete(lines.keys().next().value!);
  });
  return (number) => lines.get(number);
}
