/**
 * Microsoft 365 in the pane: who is signed in, how many Outlook contacts are synced, the last sync and the call
 * outbox; each source of numbers (own contacts, directory, organisation contacts, shared mailboxes) with its count,
 * last sync or last error, and a switch; Sign in (device code: the code and a link to the sign-in page, then the
 * status is polled until done), Sync now and Sign out. Always shown: until someone signs in it says what signing in
 * gives, and on a bridge without Microsoft 365 (`enabled: false`) what is missing and who can set it up.
 */
import { PROBLEM_TEXT } from "../../bridge/api-contract/graph-problems.js";
import type { BridgeApi } from "../shared/api.js";
import type { DeviceCodeInfo, Microsoft365Status } from "../shared/types.js";
import type { PaneActions } from "./actions.js";
import { button, clear, type FluentButton, h, section, withStrong } from "./dom.js";
import { offerBlock } from "./m365-offer.js";
import { sourceList, syncStats } from "./m365-sources.js";
import { TeamSettingsView } from "./team-settings.js";
import { errorText, t, words } from "./text.js";
import { reasonText } from "../../bridge/api-contract/reasons.js";

export interface Microsoft365Timing {
  /** Status refresh while something is under way (sign-in waiting for the user, a sync running). */
  busyMs: number;
  /** Status refresh otherwise. */
  idleMs: number;
}

const DEFAULT_TIMING: Microsoft365Timing = { busyMs: 1500, idleMs: 30_000 };

/** Something is under way that the user is waiting to see finish. */
export function isBusy(status: Microsoft365Status): boolean {
  return (
    status.deviceCode !== undefined || (status.signedIn && (status.sync?.running === true || status.sync?.passes === 0))
  );
}

export class Microsoft365View {
  readonly el: HTMLElement;
  private readonly body: HTMLElement;
  private status: Microsoft365Status | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private busy = false;
  private readonly team: TeamSettingsView;
  /** Settings an administrator decided: their source switches are read-only. */
  private managed: readonly string[] = [];

  constructor(
    private readonly api: BridgeApi,
    private readonly actions: PaneActions,
    private readonly timing: Microsoft365Timing = DEFAULT_TIMING,
  ) {
    this.body = h("div", { id: "m365-body" });
    this.team = new TeamSettingsView(api, actions);
    this.el = section("m365", t("m365.title"), this.body);
  }

  /** Makes the switches of sources an administrator decided read-only. */
  lock(managed: readonly string[]): void {
    this.managed = managed;
    this.render();
  }

  /** Reads the status now and keeps it fresh; not set up, it is read once (only a restart of the bridge changes it). */
  async refresh(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    let next = this.timing.idleMs;
    try {
      // An older bridge answers 404 where a newer one says `enabled: false`: the same "not set up" to the user.
      const status = (await this.api.m365Status()) ?? { enabled: false, signedIn: false };
      this.show(status);
      if (!status.enabled) return;
      if (isBusy(status)) next = this.timing.busyMs;
    } catch {
      // Bridge offline: the header says so; try again later.
    }
    this.timer = setTimeout(() => void this.refresh(), next);
  }

  private show(status: Microsoft365Status): void {
    const wasSigningIn = this.status?.deviceCode !== undefined;
    this.status = status;
    if (wasSigningIn && status.signedIn && status.account)
      this.actions.notify(t("m365.signedInToast", { account: status.account }), "success");
    this.render();
  }

  private render(): void {
    const status = this.status;
    if (!status) return;
    clear(this.body);
    if (!status.enabled) {
      this.el.dataset.state = "not-set-up";
      this.body.append(offerBlock(status));
      return;
    }
    const state = status.signedIn ? "signed-in" : status.deviceCode ? "signing-in" : "signed-out";
    this.el.dataset.state = state;
    this.body.append(
      h(
        "p",
        { id: "m365-account", class: `m365-account ${state}`, "data-testid": "m365-account" },
        status.signedIn
          ? h("span", {}, ...withStrong((account) => t("m365.signedInAs", { account }), status.account ?? "?"))
          : status.deviceCode
            ? t("m365.signingIn")
            : t("m365.notSignedIn"),
      ),
    );
    if (!status.signedIn && status.deviceCode) this.body.append(deviceCodeBox(status.deviceCode));
    // MSAL's own words (status.signInError) stay in the log; the reason is said in the pane's language.
    const failed = status.signInReason ?? (status.signInError ? { code: "SIGNIN_OTHER" as const } : undefined);
    if (!status.signedIn && failed) {
      const error = reasonText(words(), { params: { detail: status.signInError ?? "" }, ...failed });
      this.body.append(
        h("p", { class: "m365-error", "data-testid": "m365-signin-error" }, t("m365.signInFailed", { error })),
      );
    }

    const { sync, outbox } = status;
    this.body.append(syncStats(status));
    if (sync?.sources?.length)
      this.body.append(sourceList(sync.sources, this.busy, this.managed, (key, on) => void this.switchSource(key, on)));
    // A reason in the pane's language; the raw detail ("fetch failed") is in the bridge's log only.
    if (status.problem)
      this.body.append(
        h(
          "p",
          { class: "m365-error", "data-testid": "m365-sync-error" },
          sync?.lastError
            ? t("m365.syncFailed", { error: t(PROBLEM_TEXT[status.problem]) })
            : t(PROBLEM_TEXT[status.problem]),
        ),
      );

    const row = h("div", { class: "row" });
    if (status.signedIn) {
      row.append(
        button(t("m365.sync"), () => void this.syncNow(), { primary: true, testid: "m365-sync" }),
        button(t("m365.signOut"), () => void this.signOut(), { testid: "m365-signout" }),
      );
      if ((outbox?.failed ?? 0) > 0) {
        row.append(
          button(t("m365.retry"), () => void this.retryFailed(), {
            testid: "m365-retry",
            title: t("m365.retryTitle"),
          }),
        );
      }
    } else if (status.deviceCode) {
      row.append(
        button(t("pane.cancel"), () => void this.signOut(false), {
          testid: "m365-cancel",
          title: t("m365.cancelTitle"),
        }),
      );
    } else {
      this.body.append(offerBlock(status));
      row.append(
        button(t("m365.signIn"), () => void this.signIn(), {
          primary: true,
          testid: "m365-signin",
          title: t("m365.signInTitle"),
        }),
      );
    }
    for (const b of row.querySelectorAll<FluentButton>(".btn")) b.disabled = this.busy;
    this.body.append(row, this.team.el);
    this.team.show(status.team);
  }

  /** Runs a button's action with the buttons disabled, then shows the new status. */
  private async act(
    run: () => Promise<Microsoft365Status | undefined>,
    done?: (status: Microsoft365Status) => void,
  ): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.render();
    try {
      const status = await run();
      if (status) {
        this.status = status;
        done?.(status);
      }
    } catch (error) {
      this.actions.notify(errorText(error), "error");
    } finally {
      this.busy = false;
      this.render();
      void this.refresh();
    }
  }

  private signIn(): Promise<void> {
    return this.act(async () => {
      const code = await this.api.m365SignIn();
      const base = this.status ?? { enabled: true, signedIn: false };
      return { ...base, deviceCode: code };
    });
  }

  private syncNow(): Promise<void> {
    return this.act(
      () => this.api.m365Sync(),
      (status) => this.actions.notify(t("m365.synced", { count: status.sync?.contacts ?? 0 }), "success"),
    );
  }

  private switchSource(key: string, enabled: boolean): Promise<void> {
    return this.act(() => this.api.m365SwitchSource(key, enabled));
  }

  private retryFailed(): Promise<void> {
    return this.act(async () => {
      const { requeued, status } = await this.api.m365RetryFailed();
      this.actions.notify(t("m365.requeued", { count: requeued }), "info");
      return status;
    });
  }

  /** Also cancels a sign-in that is waiting for the user. */
  private signOut(announce = true): Promise<void> {
    return this.act(
      () => this.api.m365SignOut(),
      () => announce && this.actions.notify(t("m365.signedOut"), "info"),
    );
  }
}

function deviceCodeBox(code: DeviceCodeInfo): HTMLElement {
  return h(
    "div",
    { id: "m365-device", class: "m365-device", "data-testid": "m365-device" },
    // Microsoft's own message is in English; the pane says the same in the user's language.
    h("p", { class: "m365-message", "data-testid": "m365-message" }, t("m365.deviceHint")),
    h(
      "div",
      { class: "m365-code-row" },
      h("span", { class: "muted" }, t("m365.code")),
      h("strong", { class: "m365-code", "data-testid": "m365-code" }, code.userCode),
    ),
    h(
      "a",
      {
        class: "btn primary m365-link",
        href: code.verificationUri,
        target: "_blank",
        rel: "noopener noreferrer",
        "data-testid": "m365-verify",
      },
      t("m365.openSignIn"),
    ),
    h("p", { class: "muted" }, t("m365.waiting")),
  );
}

/** A running sync's count as it grows; a bar that fills when the total is known, else one that only moves. */
