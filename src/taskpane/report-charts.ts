/**
 * The Reports view's charts, hand-drawn SVG (no charting library: these five shapes cost a few KB, a library 60+).
 * Each is role="img" with an aria-label that says what it shows, and comes with its numbers as a table.
 */
import { h } from "./dom.js";
import { words } from "./text.js";

const SVG_NS = "http://www.w3.org/2000/svg";

function el(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

export interface Bar {
  label: string;
  value: number;
}

/** Horizontal bars, one a row, the value written at its end. */
export function barChart(bars: readonly Bar[], label: string, testid: string): SVGSVGElement {
  const rowH = 18;
  const width = 300;
  const labelW = 110;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const svg = el("svg", {
    viewBox: `0 0 ${width} ${Math.max(1, bars.length) * rowH + 4}`,
    width: "100%",
    role: "img",
    "aria-label": label,
    class: "chart report-bars",
    "data-testid": testid,
  }) as SVGSVGElement;
  bars.forEach((bar, i) => {
    const y = i * rowH + 2;
    const w = ((width - labelW - 40) * bar.value) / max;
    svg.append(el("text", { x: labelW - 4, y: y + 12, "text-anchor": "end", class: "axis" }, bar.label));
    svg.append(el("rect", { x: labelW, y: y + 2, width: w.toFixed(1), height: rowH - 6, class: "bar" }));
    svg.append(el("text", { x: labelW + w + 4, y: y + 12, class: "axis" }, words().number(bar.value)));
  });
  return svg;
}

/** The weekday × hour heatmap: seven rows, 24 columns, darker where more calls came. */
export function heatmap(
  cells: readonly { weekday: number; hour: number; calls: number }[],
  weekdays: readonly string[],
  label: string,
): SVGSVGElement {
  const cell = 11;
  const left = 24;
  const max = Math.max(1, ...cells.map((c) => c.calls));
  const svg = el("svg", {
    viewBox: `0 0 ${left + 24 * cell} ${7 * cell + 14}`,
    width: "100%",
    role: "img",
    "aria-label": label,
    class: "chart heatmap",
    "data-testid": "report-heatmap",
  }) as SVGSVGElement;
  weekdays.forEach((name, i) => {
    svg.append(el("text", { x: 0, y: i * cell + 9, class: "axis" }, name));
  });
  for (const hour of [0, 6, 12, 18]) {
    svg.append(el("text", { x: left + hour * cell, y: 7 * cell + 12, class: "axis" }, String(hour)));
  }
  for (let weekday = 1; weekday <= 7; weekday++) {
    for (let hour = 0; hour < 24; hour++) {
      const calls = cells.find((c) => c.weekday === weekday && c.hour === hour)?.calls ?? 0;
      const rect = el("rect", {
        x: left + hour * cell,
        y: (weekday - 1) * cell,
        width: cell - 1,
        height: cell - 1,
        class: "heat",
        "fill-opacity": calls === 0 ? 0.06 : (0.2 + (0.8 * calls) / max).toFixed(2),
      });
      rect.append(el("title", {}, `${weekdays[weekday - 1]} ${hour}:00 — ${words().number(calls)}`));
      svg.append(rect);
    }
  }
  return svg;
}

/** A chart's numbers as a table, folded under it: what a screen reader or a printout reads. */
export function dataTable(
  summary: string,
  columns: readonly string[],
  rows: readonly (string | number)[][],
): HTMLElement {
  const cell = (value: string | number) => (typeof value === "number" ? words().number(value) : value);
  return h(
    "details",
    { class: "report-data" },
    h("summary", {}, summary),
    h(
      "table",
      {},
      h("thead", {}, h("tr", {}, ...columns.map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, ...rows.map((row) => h("tr", {}, ...row.map((v) => h("td", {}, cell(v)))))),
    ),
  );
}
