/**
 * A sign-in that did not work is said as one of a few reasons a person can act on (no network, cancelled or
 * expired, consent, account or tenant, anything else): through the real module and route with the fake's network
 * down, and for the errors MSAL itself raises from Entra's answers.
 */
import { ClientAuthError, ServerError } from "@azure/msal-node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { API } from "../../../bridge/api-contract/paths.js";
import { localApiGuards } from "../../../bridge/http/local-api-guard.js";
import { startHttpServer, type RunningHttpServer } from "../../../bridge/http/server.js";
import { silentLogger } from "../../../bridge/log/log.js";
import { signInReason } from "../../../bridge/m365/auth/sign-in-reason.js";
import { microsoft365Routes } from "../../../bridge/m365/index.js";
import { sameUserConnections } from "../../../bridge/same-user/connection-gate.js";
import { procNetTcpPeerCheck } from "../../../bridge/same-user/proc-net-tcp.js";
import { startHarness, type Harness } from "../harness.js";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

/** An error as MSAL raises it from Entra's token answer (`error`, `error_description`, `suberror`). */
const entra = (code: string, description: string, subError?: string) =>
  new ServerError(code, "correlation-id", description, subError);

describe("a sign-in that did not work", () => {
  it("with the network down: the status and the route say SIGNIN_NETWORK; MSAL's words stay for the log", async () => {
    const r = await h.startBridge();
    let http: RunningHttpServer | undefined;
    http = await startHttpServer({
      host: "127.0.0.1",
      port: 0,
      log: silentLogger,
      routes: microsoft365Routes({ m365: r.m365 }),
      guards: localApiGuards({ token: "pairing-token-1", port: () => http!.port, url: () => http!.url }),
      admit: sameUserConnections({ peerCheck: procNetTcpPeerCheck(), log: silentLogger }),
    });
    try {
      h.graph.networkDown = true;
      const answer = await fetch(`${http.url}${API.m365SignIn}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-bridge-token": "pairing-token-1" },
        body: "{}",
      });
      expect(answer.status).toBe(502);
      const body = (await answer.json()) as { error: string; reason: string };
      expect(body.reason).toBe("SIGNIN_NETWORK");
      expect(body.error).toMatch(/network|fetch|ECONN/i);
      const status = await r.m365.status();
      expect(status.signInReason).toEqual({ code: "SIGNIN_NETWORK" });
      expect(status.signInError).toMatch(/network|fetch|ECONN/i);

      // The network back, a sign-in that works clears the reason.
      h.graph.networkDown = false;
      h.graph.devicePendingPolls = 0;
      await r.m365.signInWithDeviceCode(() => undefined);
      expect((await r.m365.status()).signInReason).toBeUndefined();
    } finally {
      h.graph.networkDown = false;
      await http.close();
    }
  });

  it("maps Entra's and MSAL's own errors to the reason a person can act on", () => {
    const cases: [unknown, string][] = [
      [new ClientAuthError("network_error", "Network request failed: fetch failed"), "SIGNIN_NETWORK"],
      [entra("authorization_declined", "AADSTS70000: the user declined to authorize"), "SIGNIN_CANCELLED"],
      [entra("expired_token", "AADSTS70019: Verification code expired."), "SIGNIN_CANCELLED"],
      [
        entra("invalid_grant", "AADSTS65001: The user or administrator has not consented", "consent_required"),
        "SIGNIN_CONSENT",
      ],
      [entra("invalid_request", "AADSTS90094: The grant requires admin permission."), "SIGNIN_CONSENT"],
      [entra("invalid_request", "AADSTS50020: User account from identity provider does not exist"), "SIGNIN_ACCOUNT"],
      [entra("unauthorized_client", "AADSTS700016: Application not found in the directory"), "SIGNIN_ACCOUNT"],
      [entra("invalid_request", "AADSTS90002: Tenant 'contoso' not found."), "SIGNIN_ACCOUNT"],
    ];
    expect(cases.map(([error]) => signInReason(error).code)).toEqual(cases.map(([, code]) => code));
    const other = entra("temporarily_unavailable", "AADSTS90033: A transient error has occurred.");
    expect(signInReason(other)).toEqual({ code: "SIGNIN_OTHER", params: { detail: other.message } });
  });
});
