/** Calls per day as a small stacked bar chart (SVG, no library). */
import type { DayCount } from "../shared/types.js";
import { t, words } from "./text.js";

const SVG_NS = "http://www.w3.org/2000/svg";

/** Colors are Fluent's brand, success and danger tokens, so they follow the theme (see taskpane.css). */
export const SERIES = [
  { key: "outgoing", label: "history.series.outgoing" },
  { key: "answered", label: "history.series.answered" },
  { key: "missed", label: "history.series.missed" },
] as const;

/** Per day: outgoing, answered incoming and missed incoming (they stack to the day's total). */
export function stacks(day: DayCount): Record<(typeof SERIES)[number]["key"], number> {
  return { outgoing: day.outgoing, answered: Math.max(0, day.incoming - day.missed), missed: day.missed };
}

function el(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

export function callsChart(days: readonly DayCount[], width = 300, height = 120): SVGSVGElement {
  const pad = { top: 8, bottom: 18, left: 22, right: 4 };
  const plotH = height - pad.top - pad.bottom;
  const plotW = width - pad.left - pad.right;
  const max = Math.max(1, ...days.map((d) => d.incoming + d.outgoing));
  const svg = el("svg", {
    viewBox: `0 0 ${width} ${height}`,
    width: "100%",
    role: "img",
    class: "chart",
    "data-testid": "history-chart",
  }) as SVGSVGElement;
  const total = days.reduce((n, d) => n + d.incoming + d.outgoing, 0);
  const span = t("history.days", { count: days.length });
  svg.append(el("title", {}, t("history.chart", { days: span, count: total })));
  svg.append(
    el("line", { x1: pad.left, y1: pad.top + plotH, x2: width - pad.right, y2: pad.top + plotH, class: "baseline" }),
  );
  svg.append(el("text", { x: pad.left - 4, y: pad.top + 8, "text-anchor": "end", class: "axis" }, words().number(max)));
  svg.append(
    el("text", { x: pad.left - 4, y: pad.top + plotH, "text-anchor": "end", class: "axis" }, words().number(0)),
  );
  const slot = plotW / Math.max(1, days.length);
  const barW = Math.max(2, slot * 0.7);
  days.forEach((day, i) => {
    const x = pad.left + i * slot + (slot - barW) / 2;
    let y = pad.top + plotH;
    const values = stacks(day);
    for (const series of SERIES) {
      const value = values[series.key];
      if (value <= 0) continue;
      const h = (value / max) * plotH;
      y -= h;
      const rect = el("rect", {
        x: x.toFixed(1),
        y: y.toFixed(1),
        width: barW.toFixed(1),
        height: h.toFixed(1),
        class: `bar ${series.key}`,
        "data-day": day.day,
      });
      const when = words().dateTime(day.day, "date");
      rect.append(el("title", {}, t("history.bar", { day: when, series: t(series.label), value })));
      svg.append(rect);
    }
    if (days.length <= 14 || i % Math.ceil(days.length / 7) === 0) {
      svg.append(
        el(
          "text",
          { x: (x + barW / 2).toFixed(1), y: height - 4, "text-anchor": "middle", class: "axis" },
          words().dateTime(day.day, "day"),
        ),
      );
    }
  });
  return svg;
}

export function chartLegend(): HTMLElement {
  const legend = document.createElement("div");
  legend.className = "legend";
  for (const series of SERIES) {
    const item = document.createElement("span");
    const swatch = document.createElement("i");
    swatch.className = series.key;
    item.append(swatch, t(series.label));
    legend.append(item);
  }
  return legend;
}
