/**
 * Every state of the task pane (the Reports view included), in Ukrainian, Russian and English, light and dark, in
 * chromium against a real bridge (with the fake Microsoft 365): each state is checked by axe-core (no serious or
 * critical violation) and for words of another language's catalog; the Ukrainian ones are saved to docs/screenshots
 * for the README.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CATALOGS, LANGUAGES, type Language } from "../../bridge/i18n/i18n.js";
import { projectRoot } from "../../bridge/addin-api/addin-files.js";
import { FakeGraph, trustFakeGraphCertificate } from "../fakes/graph/index.js";
import { ensureAddinBuilt, haveChromium, launchChromium } from "../support/browser.js";
import { LOCALES } from "../support/pane-layout.js";
import { startTestBridge, type TestBridge } from "./helpers.js";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const THEMES = ["light", "dark"] as const;
const SHOTS = join(projectRoot(), "docs", "screenshots");

let graph: FakeGraph;
let t: TestBridge;
let browser: Browser;

const haveBrowser = haveChromium("the pane's languages, themes and accessibility");

function strings(node: object): string[] {
  return Object.values(node).flatMap((value) => (typeof value === "string" ? [value] : strings(value as object)));
}

/** Pieces of a catalog's strings around their {{placeholders}}, long enough to mean something. */
function pieces(language: Language): Set<string> {
  const parts = strings(CATALOGS[language]).flatMap((text) => text.split(/\{\{\w+\}\}/).map((p) => p.trim()));
  return new Set(parts.filter((p) => [...p].length >= 4));
}

function wordIn(piece: string, text: string): boolean {
  const escaped = piece.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\p{L}])${escaped}(?![\\p{L}])`, "u").test(text);
}

/** Pieces only the other languages have (not even inside one of this language's strings). */
function foreignPieces(language: Language): string[] {
  const own = strings(CATALOGS[language]).join("\n");
  const others = LANGUAGES.filter((l) => l !== language).flatMap((l) => [...pieces(l)]);
  return [...new Set(others)].filter((piece) => !wordIn(piece, own));
}

/** What a person reads or hears: visible text plus titles, labels and placeholders. */
function readableText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const attrs = [...document.querySelectorAll("[title],[aria-label],[placeholder]")].flatMap((el) =>
      ["title", "aria-label", "placeholder"].map((name) => el.getAttribute(name) ?? ""),
    );
    // biome-ignore lint/performance/useDomNodeTextContent: what is rendered, not the text of hidden sections
    return [document.title, document.body.innerText, ...attrs].join("\n");
  });
}

async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe;
    type AxeResults = { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
    const results = await axe.run(document, { resultTypes: ["violations"] });
    return results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}

beforeAll(async () => {
  if (!haveBrowser) return;
  await ensureAddinBuilt();
  await trustFakeGraphCertificate();
  graph = await new FakeGraph().start();
  t = await startTestBridge("self-signed", {
    microsoft365: graph.microsoft365Config("00000000-0000-0000-0000-0000000001a8"),
  });
  const today = new Date();
  const pad = (n: number): string => String(n).padStart(2, "0");
  const day = `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
  t.transport.deliver(`CALLHISTORY^0675355355^in^True^${day} 09:15:00^0:02:05^^`);
  t.transport.deliver(`CALLHISTORY^0441234567^in^False^${day} 09:20:00^0:00:00^^`);
  t.transport.deliver(`CALLHISTORY^0931112233^out^True^${day} 09:30:00^0:00:40^^`);
  await t.bridge.core.idle();
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
  await graph?.stop();
});

describe.skipIf(!haveBrowser)("the pane in every language and theme", () => {
  it.each(LANGUAGES.flatMap((language) => THEMES.map((theme) => [language, theme] as const)))(
    "%s, %s: every state speaks only its language and has no serious accessibility violation",
    async (language, theme) => {
      const context = await browser.newContext({
        ignoreHTTPSErrors: true,
        locale: LOCALES[language],
        colorScheme: theme,
        viewport: { width: 360, height: 760 },
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      const foreign = foreignPieces(language);
      expect(foreign.length).toBeGreaterThan(200);
      const problems: string[] = [];
      /** `shot`: the section a screenshot centres on (Ukrainian only). */
      const check = async (state: string, shot?: string): Promise<void> => {
        await page.evaluate(() => customElements.whenDefined("fluent-button"));
        const text = await readableText(page);
        for (const piece of foreign) if (wordIn(piece, text)) problems.push(`${state}: "${piece}"`);
        for (const violation of await seriousViolations(page)) problems.push(`${state}: ${violation}`);
        if (shot && language === "uk") {
          await page.evaluate(
            (selector) => document.querySelector(selector)?.scrollIntoView({ block: "center" }),
            shot,
          );
          await page.screenshot({ path: join(SHOTS, `${state}-${theme}.png`) });
        }
      };
      try {
        await page.goto(`${t.url}/taskpane.html`);
        await page.waitForSelector("body[data-ready='true']");
        await page.waitForSelector("#status[data-state='connected']");
        await page.waitForSelector("#m365[data-state='signed-out']");
        expect(await page.getAttribute("html", "lang")).toBe(language);
        expect(await page.getAttribute("html", "data-theme")).toBe(theme);
        await check("empty");

        await page.fill("#search-input", "Вася");
        await page.locator("#search-results li.contact").first().waitFor();
        t.transport.deliver("CONTACT?^0675355355^1^1^");
        await page.locator("#call-card .contact-name").first().waitFor();
        await check("call", "header");

        t.transport.deliver("CONTACT?^0441234567^2^1^");
        await page.getByTestId("open-chooser").waitFor();
        await check("shared-number");
        await page.getByTestId("open-chooser").click();
        await page.locator("#chooser").waitFor({ state: "visible" });
        await check("chooser", "#chooser");
        await page.locator("#chooser .btn").last().click();

        await page.locator("#search-results").getByTestId("sms").first().click();
        await page.locator("#sms").waitFor({ state: "visible" });
        await page.getByTestId("sms-send").click(); // no text yet: the error toast
        await page.locator("#toast[data-kind='error']").waitFor();
        await check("sms", "#sms");
        await page.locator("#sms .btn").last().click();

        t.transport.deliver("CONTACT?^0931112299^1^2^");
        await page.getByTestId("create-contact").waitFor();
        await page.getByTestId("create-contact").click();
        await page.locator("#new-contact").waitFor({ state: "visible" });
        await check("contact", "#new-contact");
        await page.locator("#new-contact .btn").last().click();

        await page.locator("#history-list li.call").first().waitFor();
        await page.locator("#history").scrollIntoViewIfNeeded();
        await check("history", "#history");

        // This month's report of the three calls above, with every chart's table of numbers open.
        await page.locator("#reports").scrollIntoViewIfNeeded();
        await page.waitForFunction(
          () => document.querySelector("[data-testid=tile-calls] .tile-value")?.textContent === "3",
        );
        await page.evaluate(() => {
          for (const details of document.querySelectorAll("#reports details"))
            (details as HTMLDetailsElement).open = true;
        });
        await check("reports");

        const release = graph.hold(/\/oauth2\/v2\.0\/token$/);
        try {
          await page.getByTestId("m365-signin").click();
          await page.waitForSelector("#m365[data-state='signing-in']");
          await page.locator("#m365").scrollIntoViewIfNeeded();
          await check("m365", "#m365");
          await page.getByTestId("m365-cancel").click();
          await page.waitForSelector("#m365[data-state='signed-out']");
        } finally {
          release();
        }
        expect(problems).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});
