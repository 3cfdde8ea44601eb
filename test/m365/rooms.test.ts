/**
 * The Microsoft 365 module keeps its house plan: rooms that import only rooms below them, in one order, no import
 * circle, nothing on a lower floor of the bridge importing it, a short top and short files. Read from the source
 * with the TypeScript parser, so a new import that breaks the plan fails here.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const BRIDGE = resolve(import.meta.dirname, "../../bridge");
const M365 = join(BRIDGE, "m365");
/** Bottom up; a file may import from its own step or a lower one. */
const ORDER = [
  "config.ts",
  "auth",
  "graph-throttle.ts",
  "graph-middleware.ts",
  "graph-client.ts",
  "graph-batch.ts",
  "outbox",
  "sources",
  "mailbox",
  "team",
  "outlook",
  "top",
];
/** Above Microsoft 365: the composition root, the config pass, the commands and the Windows program. */
const ABOVE = ["app.ts", "app", "cli.ts", "commands", "config", "windows-app"];

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith(".ts") ? [path] : [];
  });
}

/** The bridge files `file` imports (static, dynamic and re-exports), resolved. */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
  return importedFiles
    .map((i) => i.fileName)
    .filter((spec) => spec.startsWith("."))
    .map((spec) => resolve(dirname(file), spec).replace(/\.js$/, ".ts"));
}

function step(file: string): number {
  const [first, ...rest] = relative(M365, file).split("/");
  const name = rest.length > 0 || ORDER.includes(first!) ? first! : "top";
  return ORDER.indexOf(name);
}

const files = tsFiles(BRIDGE);
const m365Files = files.filter((f) => f.startsWith(`${M365}/`));

describe("the Microsoft 365 rooms", () => {
  it("import only their own step or lower ones: config, auth, graph client, outbox, sources, mailbox, outlook", () => {
    const upward = m365Files.flatMap((file) =>
      importsOf(file)
        .filter((target) => target.startsWith(`${M365}/`) && step(target) > step(file))
        .map((target) => `${relative(M365, file)} → ${relative(M365, target)}`),
    );
    expect(upward).toEqual([]);
  });

  it("have no import circle", () => {
    const graph = new Map(m365Files.map((f) => [f, importsOf(f).filter((t) => t.startsWith(`${M365}/`))]));
    const circles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "open") {
        circles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(M365, f)).join(" → "));
        return;
      }
      state.set(file, "open");
      for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, "done");
    };
    for (const file of m365Files) visit(file, []);
    expect(circles).toEqual([]);
  });

  it("are imported by nothing on a lower floor of the bridge", () => {
    const below = files.filter((f) => !f.startsWith(`${M365}/`) && !ABOVE.includes(relative(BRIDGE, f).split("/")[0]!));
    const back = below.flatMap((file) =>
      importsOf(file)
        .filter((target) => target.startsWith(`${M365}/`))
        .map((target) => `${relative(BRIDGE, file)} → ${relative(BRIDGE, target)}`),
    );
    expect(back).toEqual([]);
  });

  it("keep at most 12 files at the top and no file over 300 lines", () => {
    const top = readdirSync(M365).filter((name) => statSync(join(M365, name)).isFile());
    expect(top.length).toBeLessThanOrEqual(12);
    const long = m365Files
      .map((file) => [relative(M365, file), readFileSync(file, "utf8").split("\n").length - 1] as const)
      .filter(([, lines]) => lines > 300);
    expect(long).toEqual([]);
  });
});
