import { describe, expect, it } from "vitest";
import { parsePeerHandle } from "../../bridge/transport/win32/peer-handle.js";
import { TransportError } from "../../bridge/transport/transport.js";

const WHERE = "HKCU\\Software\\VB and VBA Program Settings\\TelefUM\\SendMSG\\hwndTelefUM";

function failure(raw: string | undefined): TransportError {
  try {
    parsePeerHandle(raw, WHERE);
  } catch (error) {
    if (error instanceof TransportError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(raw)} to be refused`);
}

describe("hwndTelefUM as TelefUM writes it", () => {
  it("reads a decimal handle, with or without stray spaces", () => {
    expect(parsePeerHandle("65616", WHERE)).toBe(65616n);
    expect(parsePeerHandle(" 131140 ", WHERE)).toBe(131140n);
  });

  it("sign-extends a handle with the top bit set, whether VB6 wrote it as a negative Long or not", () => {
    expect(parsePeerHandle("-2147155882", WHERE)).toBe(0xffffffff80050056n);
    expect(parsePeerHandle("2147811414", WHERE)).toBe(0xffffffff80050056n);
  });

  it.each([
    ["0", /TelefUM is not running: .*hwndTelefUM is "0"/],
    [undefined, /TelefUM is not running: .*hwndTelefUM does not exist/],
    ["", /is "", not a window handle/],
    ["0x1234", /is "0x1234", not a window handle/],
  ])("refuses %j as PEER_UNAVAILABLE with a clear reason", (raw, reason) => {
    const error = failure(raw);
    expect(error.code).toBe("PEER_UNAVAILABLE");
    expect(error.message).toMatch(reason);
  });
});
