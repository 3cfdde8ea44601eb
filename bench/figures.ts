/**
 * The bench's one table: every figure beside its floor measured in the same run, and the ratio between them,
 * because the machine is shared and absolute times swing with its load. A part records its figures here as it
 * measures them; `bench/run.ts` prints them all at the end, each with its goal (a ratio) and whether it held.
 */
export interface Figure {
  /** What was measured, as the README's table names it. */
  name: string;
  value: number;
  /** The floor: the least work that does the same job, measured beside it in this run. */
  floorName: string;
  floor: number;
  unit: "ms" | "µs" | "s" | "MiB" | "requests";
  /** The goal as the largest ratio to the floor allowed; absent when the figure is only reported. */
  goalRatio?: number;
}

const recorded: Figure[] = [];

export function recordFigure(figure: Figure): Figure {
  recorded.push(figure);
  const ratio = figure.value / figure.floor;
  const goal =
    figure.goalRatio === undefined ? "" : ` (goal ≤ ${figure.goalRatio}x: ${met(figure) ? "met" : "NOT met"})`;
  console.log(
    `${figure.name}: ${show(figure.value, figure.unit)} = ${ratio.toFixed(2)}x ` +
      `${figure.floorName} ${show(figure.floor, figure.unit)}${goal}`,
  );
  return figure;
}

export function recordedFigures(): readonly Figure[] {
  return recorded;
}

function met(figure: Figure): boolean {
  return figure.goalRatio === undefined || figure.value / figure.floor <= figure.goalRatio;
}

function show(value: number, unit: Figure["unit"]): string {
  if (unit === "requests") return `${value} ${value === 1 ? "request" : "requests"}`;
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : value >= 1 ? 2 : 3;
  return `${value.toFixed(digits)} ${unit}`;
}

/** The summary table, Markdown so it can be pasted into the README as it is. */
export function figuresTable(figures: readonly Figure[] = recorded): string {
  const rows = figures.map((f) => [
    f.name,
    show(f.value, f.unit),
    `${f.floorName}: ${show(f.floor, f.unit)}`,
    `${(f.value / f.floor).toFixed(2)}x`,
    f.goalRatio === undefined ? "" : `≤ ${f.goalRatio}x`,
    f.goalRatio === undefined ? "" : met(f) ? "met" : "NOT met",
  ]);
  const header = ["figure", "value", "floor (same run)", "ratio", "goal", ""];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
