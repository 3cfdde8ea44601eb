import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { errorMessage } from "../../bridge/log/error-message.js";

describe("errorMessage", () => {
  it("gives an Error's message, a subclass's too", () => {
    expect(errorMessage(new Error("disk full"))).toBe("disk full");
    expect(errorMessage(new TypeError("not a function"))).toBe("not a function");
  });

  it("gives the message of an error from another realm, which fails instanceof Error", () => {
    const foreign = runInNewContext('new Error("from the worker")');
    expect(foreign instanceof Error).toBe(false);
    expect(errorMessage(foreign)).toBe("from the worker");
  });

  it("turns whatever else was thrown into its text, never undefined", () => {
    expect(errorMessage("mailbox unreachable")).toBe("mailbox unreachable");
    expect(errorMessage(42)).toBe("42");
    expect(errorMessage(null)).toBe("null");
    expect(errorMessage(undefined)).toBe("undefined");
    expect(errorMessage({ code: "EBUSY" })).toBe("[object Object]");
    expect(errorMessage({ message: 7 })).toBe("[object Object]");
  });

  it("does not throw on a value that cannot become text", () => {
    expect(errorMessage(Object.create(null))).toBe("[object Object]");
    expect(errorMessage(Symbol("gone"))).toBe("Symbol(gone)");
  });
});
