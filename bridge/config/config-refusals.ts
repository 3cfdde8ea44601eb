/**
 * One config pass reports every bad value at once: while `collectRefusals` runs, a refused value is noted and its
 * setting left unset, so the pass goes on to the next; outside it a refusal is thrown as before. Synchronous only:
 * the config pass is (loadConfig reads its files with readFileSync).
 */
import type { ConfigError } from "./config-checks.js";

let open: ConfigError[] | undefined;

/** Runs `pass` noting every refusal instead of stopping at the first; answers its value and what was refused. */
export function collectRefusals<T>(pass: () => T): { value: T | undefined; refused: ConfigError[] } {
  const outer = open;
  const refused: ConfigError[] = [];
  open = refused;
  try {
    return { value: pass(), refused };
  } catch (error) {
    // A refusal nothing caught on its way up (a section's own cross-check) ends the pass: it is noted like the rest.
    if (!(error instanceof Error && error.name === "ConfigError")) throw error;
    refused.push(error as ConfigError);
    return { value: undefined, refused };
  } finally {
    open = outer;
  }
}

/** A refusal: noted when a pass collects them, thrown otherwise. */
export function noteRefusal(error: ConfigError): void {
  if (!open) throw error;
  open.push(error);
}
