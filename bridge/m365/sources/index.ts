/**
 * The sources room wires itself: every source of numbers the config names (own contacts, the directory,
 * organisation contacts, shared mailboxes), switched on and off on their own, and the scheduler that syncs them
 * all every few minutes while someone is signed in.
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import { removeDemoContacts } from "../../directory/demo-contacts.js";
import type { Directory } from "../../directory/directory.js";
import type { ContactSyncReport, Microsoft365Status } from "../../http/m365-status.js";
import type { Logger } from "../../log/log.js";
import type { Database } from "../../store/sqlite.js";
import type { SignInCheck } from "../auth/index.js";
import type { M365Config } from "../config.js";
import { graphProblem, isSignInRequired } from "../graph-client.js";
import type { GraphProblem } from "../graph-throttle.js";
import { ContactSync } from "./contact-sync.js";
import { DeltaStateStore } from "../../store/delta-state.js";
import { directoryUsers } from "./directory-users.js";
import { GraphReader } from "./graph-reader.js";
import { orgContacts } from "./org-contacts.js";
import { personalContacts } from "./personal-contacts.js";
import { sharedMailbox } from "./shared-mailbox.js";
import { SourceSwitches } from "./source-switches.js";
import { SyncProgress } from "./sync-progress.js";
import { SyncScheduler } from "./sync-scheduler.js";
import { SyncSources } from "./sync-sources.js";
import { errorMessage } from "../../log/error-message.js";

export { UnknownSourceError } from "./sync-sources.js";

export interface SourcesDeps {
  config: M365Config;
  client: Client;
  db: Database;
  directory: Directory;
  /** A sync refused for the sign-in gives it up once GET /me is refused too. */
  signIn: SignInCheck;
  log: Logger;
  /** Whether a policy decided the setting config.json keeps at this path ("microsoft365.sync.contacts"). */
  managed?: (setting: string) => boolean;
}

export interface SourcesRoom {
  sources: SyncSources;
  scheduler: SyncScheduler;
  /** The `sync` part of the module's status. */
  status(): NonNullable<Microsoft365Status["sync"]>;
  /** Why the last sync failed, as a reason code (none after a good pass). */
  problem(): GraphProblem | undefined;
  /** Forgets the delta links of the account that signed out. */
  forgetAccountData(): void;
}

export function createSources({ config, client, db, directory, signIn, log, managed }: SourcesDeps): SourcesRoom {
  const byPolicy = (name: string): boolean => managed?.(`microsoft365.sync.${name}`) ?? false;
  const progress = new SyncProgress();
  let lastReport: { contacts: ContactSyncReport } | undefined;
  const state = new DeltaStateStore(db);
  const sourceDeps = { reader: new GraphReader(client, config.retry), directory, db, state, progress };
  const contactSync = new ContactSync(client, directory, db, log, config.sync.pageSize, progress, sourceDeps.reader);
  const sources = new SyncSources({
    sources: [
      {
        source: personalContacts(contactSync, (contacts) => (lastReport = { contacts })),
        enabledByConfig: config.sync.contacts,
        managed: byPolicy("contacts"),
      },
      { source: directoryUsers(sourceDeps), enabledByConfig: config.sync.directory, managed: byPolicy("directory") },
      { source: orgContacts(sourceDeps), enabledByConfig: config.sync.orgContacts, managed: byPolicy("orgContacts") },
      ...config.sync.sharedMailboxes.map((address) => ({
        source: sharedMailbox(address, { ...sourceDeps, pageSize: config.sync.pageSize }),
        enabledByConfig: true,
        managed: byPolicy("sharedMailboxes"),
      })),
    ],
    switches: new SourceSwitches(db),
    ...sourceDeps,
    log,
  });
  let problem: GraphProblem | undefined;
  const scheduler = new SyncScheduler(
    async () => {
      try {
        // Signed in: the user's own contacts come; the demo ones must not mix with them.
        const demo = removeDemoContacts(directory);
        if (demo > 0) log("info", "removed the demo contacts", { count: demo });
        await sources.pass();
        problem = undefined;
        log("info", "Microsoft 365 sync done", {
          sources: Object.fromEntries(sources.status().map((s) => [s.key, s.enabled ? s.count : "off"])),
        });
      } catch (error) {
        problem = graphProblem(error);
        // One refused request may be a passing fault: sign out only when GET /me is refused too.
        if (isSignInRequired(error) && (await signIn.confirmLost())) signIn.lost(errorMessage(error));
        throw error;
      }
    },
    config.sync.intervalMinutes * 60_000,
    log,
    progress,
  );
  return {
    sources,
    scheduler,
    status: () => ({
      ...scheduler.statusNow(),
      contacts: directory.count("outlook"),
      directory: directory.count("directory"),
      ...(lastReport ? { lastReport } : {}),
      sources: sources.status(),
    }),
    problem: () => problem,
    forgetAccountData: () => state.clear(),
  };
}
