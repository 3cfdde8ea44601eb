/** CARD and CREATECARD: links, contacts and the new-contact form opened for the user. */
import { describe, expect, it } from "vitest";
import { useCoreHarness } from "./harness.js";

const { setup } = useCoreHarness();

describe("CARD and CREATECARD", () => {
  it("refuses a CARD link that is not http(s), and says why", async () => {
    const t = await setup();
    await t.play("CARD^file:///C:/Windows/win.ini^");
    await t.play("CARD^javascript:alert(1)^");
    await t.play("CARD^\\\\server\\share\\x.html^");
    expect(t.of("failure").map((e) => e.message)).toEqual([
      'only http and https links are opened, not "file" (refused)',
      'only http and https links are opened, not "javascript" (refused)',
      '"\\\\server\\share\\x.html" is not a web link',
    ]);
    // What a person reads: the reason's code and the link as received, never the English above.
    expect(t.of("failure").map((e) => [e.code, e.params])).toEqual([
      ["LINK_SCHEME", { scheme: "file", value: "file:///C:/Windows/win.ini" }],
      ["LINK_SCHEME", { scheme: "javascript", value: "javascript:alert(1)" }],
      ["NOT_A_LINK", { value: "\\\\server\\share\\x.html" }],
    ]);
    expect(t.opener.requests).toEqual([]);
  });

  it("opens a single contact for CARD and reports ids it does not know", async () => {
    const t = await setup();
    await t.play("CARD^1^");
    await t.play("CARD^1, 999^");
    expect(t.opener.requests.map((r) => [r.contacts.map((c) => c.name), r.missingIds])).toEqual([
      [["Вася Петров"], []],
      [["Вася Петров"], ["999"]],
    ]);
    await t.play("CARD^998^");
    expect(t.opener.requests).toHaveLength(2);
    expect(t.of("failure")).toMatchObject([
      { stage: "CARD", code: "NO_CONTACT", params: { ids: "998" }, message: "no contact with id 998" },
    ]);
  });

  it("create-and-open: creates Новий контакт N for CREATECARD, opens it, and answers its number", async () => {
    const t = await setup();
    await t.play("CREATECARD^0931112233^");
    await t.play("CREATECARD^0931112244^");
    expect(t.of("contact-created").map((e) => e.contact.name)).toEqual(["Новий контакт1", "Новий контакт2"]);
    expect(t.opener.requests.map((r) => r.contacts[0]!.name)).toEqual(["Новий контакт1", "Новий контакт2"]);
    const id = t.of("contact-created")[0]!.contact.id;
    expect(await t.play("CONTACT?^+380931112233^1^1^")).toEqual([`CONTACT^+380931112233^1^1^Новий контакт1^^^${id}^`]);
  });

  it("form (the default): CREATECARD opens the new-contact form with the number and creates nothing", async () => {
    const t = await setup({ createCard: { mode: "form" } });
    await t.play("CREATECARD^0931112233^");
    expect(t.of("new-contact-form")).toMatchObject([{ number: "0931112233" }]);
    expect(t.of("contact-created")).toEqual([]);
    expect(t.of("notice").map((e) => e.message)).toEqual(["opened the new-contact form for 0931112233 in the pane"]);
  });
});
