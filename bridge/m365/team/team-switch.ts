/**
 * The team room that the settings ask for now. The session runs `work` while someone is signed in; `apply` stops
 * the room that runs, takes its hooks out of the core and creates one with the new settings (none while the site
 * is unset), started at once if signed in. A room on another list starts its copy over (team-reader.ts).
 */
import type { TeamStatus } from "../../api-contract/m365-status.js";
import type { M365Config } from "../config.js";
import { createTeam, type TeamClaimResult, type TeamDeps, type TeamRoom } from "./index.js";

export class TeamSwitch {
  private room: TeamRoom | undefined;
  private signedIn = false;
  /** One change at a time: a second Save waits for the first room to stop. */
  private applying: Promise<void> = Promise.resolve();

  /** Started and stopped by the session, whichever room is current. */
  readonly work = {
    start: (): void => {
      this.signedIn = true;
      this.room?.work.start();
    },
    stop: async (): Promise<void> => {
      this.signedIn = false;
      await this.room?.work.stop();
    },
  };

  constructor(
    private readonly deps: Omit<TeamDeps, "config">,
    config: M365Config,
  ) {
    this.room = config.team.enabled ? createTeam({ ...deps, config }) : undefined;
  }

  get enabled(): boolean {
    return this.room !== undefined;
  }

  status(): TeamStatus | undefined {
    return this.room?.status();
  }

  syncNow(): Promise<void> {
    return this.room?.syncNow() ?? Promise.resolve();
  }

  claim(itemId: string): TeamClaimResult {
    return this.room?.claim(itemId) ?? "off";
  }

  apply(config: M365Config): Promise<void> {
    const next = this.applying.then(async () => {
      const old = this.room;
      this.room = undefined;
      if (old) {
        await old.work.stop();
        old.detach();
      }
      this.room = config.team.enabled ? createTeam({ ...this.deps, config }) : undefined;
      if (this.signedIn) this.room?.work.start();
    });
    this.applying = next.catch(() => undefined);
    return next;
  }

  async stop(): Promise<void> {
    await this.applying;
    await this.work.stop();
  }
}
