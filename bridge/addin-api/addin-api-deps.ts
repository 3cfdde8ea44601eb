/** What the add-in's /api/ routers work with. */
import type { CallLog } from "../calls/call-log.js";
import type { BridgeCore } from "../core/bridge-core.js";
import type { Directory } from "../directory/directory.js";
import type { NotUnderstoodLog } from "../inbox/not-understood.js";
import type { WireEncoding } from "../protocol/wire-encoding.js";
import type { StoreHealth } from "../store/store-file.js";
import type { TeamViewDeps } from "./team-routes.js";
import type { TeamStatus } from "../api-contract/m365-status.js";

export interface AddinApiDeps {
  core: BridgeCore;
  directory: Directory;
  callLog: CallLog;
  notUnderstood: NotUnderstoodLog;
  /** The pairing token written into the pane pages. */
  token: string;
  /** Where webpack put the pane (dist/addin). */
  addinDir: string;
  /** "https" or "http", shown by /api/status. */
  scheme: () => string;
  /** The wire encoding to TelefUM, shown by /api/status. */
  encoding: WireEncoding;
  /** Today's local date `yyyy-mm-dd` (tests pin it). */
  today?: () => string;
  store?: StoreHealth;
  /** The team call log's copy (absent: no team routes, as in unit setups without a store). */
  team?: TeamViewDeps;
  /** The team call log's status, shown by /api/status when it is configured. */
  teamStatus?: () => TeamStatus | undefined;
  /** The settings an administrator's policy decided (config/policies.ts), shown by /api/status. */
  managed?: readonly string[];
}
