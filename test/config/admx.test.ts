/**
 * The Group Policy template in docs/admin/policies names exactly the policy values the bridge reads, under the key
 * it reads them from, with the registry type each expects; every string and presentation it refers to is in each
 * language's ADML (en-US, uk-UA, ru-RU).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { POLICY_KEY, POLICY_SETTINGS } from "../../bridge/config/policies.js";
import { projectRoot } from "../../bridge/addin-api/addin-files.js";

const dir = join(projectRoot(), "docs", "admin", "policies");
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" });
const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

interface Value {
  valueName: string;
}
interface Policy {
  name: string;
  class: string;
  key: string;
  valueName?: string;
  enabledValue?: { decimal: { value: string } };
  disabledValue?: { decimal: { value: string } };
  elements?: {
    text?: Value;
    multiText?: Value;
    enum?: Value & { item: { value: { string: string } }[] };
  };
}
interface Adml {
  policyDefinitionResources: {
    resources: { stringTable: { string: { id: string }[] }; presentationTable: { presentation: { id: string }[] } };
  };
}

const admxText = readFileSync(join(dir, "TelefUM.admx"), "utf8");
const admx = parser.parse(admxText) as { policyDefinitions: { policies: { policy: Policy[] } } };
const policies = list(admx.policyDefinitions.policies.policy);

/** The registry value each policy writes and how: text, enum (text), multiText (REG_MULTI_SZ) or a 1/0 switch. */
function writes(policy: Policy): [string, string] {
  const { text, multiText, enum: choice } = policy.elements ?? {};
  if (text) return [text.valueName, "text"];
  if (choice) return [choice.valueName, "enum"];
  if (multiText) return [multiText.valueName, "multiText"];
  const on = policy.enabledValue?.decimal.value;
  return [policy.valueName ?? "", `switch ${on}/${policy.disabledValue?.decimal.value}`];
}

const byName = (a: string[], b: string[]) => (a[1] ?? "").localeCompare(b[1] ?? "");

describe("the ADMX template", () => {
  it("has one policy per value the bridge reads, under its key, of the type the bridge expects", () => {
    const kinds: Record<string, string> = {
      text: "text",
      url: "text",
      language: "enum",
      list: "multiText",
      switch: "switch 1/0",
    };
    expect(policies.map((p) => [p.key, ...writes(p)]).sort(byName)).toEqual(
      POLICY_SETTINGS.map((s) => [POLICY_KEY, s.value, kinds[s.kind] ?? ""]).sort(byName),
    );
    const language = policies.find((p) => p.name === "Language");
    expect(list(language?.elements?.enum?.item).map((item) => item.value.string)).toEqual(["uk", "ru", "en"]);
    for (const policy of policies) expect(policy.class, policy.name).toBe("Both");
  });

  it.each(["en-US", "uk-UA", "ru-RU"])("%s: every string and presentation the template names is there", (locale) => {
    const adml = parser.parse(readFileSync(join(dir, locale, "TelefUM.adml"), "utf8")) as Adml;
    const { resources } = adml.policyDefinitionResources;
    const strings = new Set(list(resources.stringTable.string).map((s) => s.id));
    const presentations = new Set(list(resources.presentationTable.presentation).map((p) => p.id));
    const named = (kind: string) =>
      [...admxText.matchAll(new RegExp(`\\$\\(${kind}\\.(\\w+)\\)`, "g"))].map((m) => m[1] ?? "");
    expect(named("string").filter((id) => !strings.has(id))).toEqual([]);
    expect(named("presentation").filter((id) => !presentations.has(id))).toEqual([]);
    expect(strings.size).toBe(new Set(named("string")).size);
  });
});
