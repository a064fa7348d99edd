/**
 * The converge chart as a hand-written SVG (no plotting dependency): seconds against route count for this
 * package through the engine, the terraform-like baseline, and the limit line (busiest gateway's writes back
 * to back). Deterministic for given points, so the committed file changes only when the figures do.
 */
import type { ConvergePoint } from "../results";
import type { ScalePoint } from "../scenarios/scale";

const WIDTH = 760;
const HEIGHT = 440;
const MARGIN = { top: 48, right: 200, bottom: 56, left: 64 };
const COLORS = {
  limit: "#6b7280",
  pulumi: "#2563eb",
  pulumiDefault: "#d97706",
  baseline: "#dc2626",
  floor: "#059669",
  grid: "#e5e7eb",
};
const FONT = 'font-family="DejaVu Sans, Arial, Helvetica, sans-serif"';

/** 1, 2 or 5 times a power of ten: the step that gives about `count` ticks up to `max`. */
export function niceStep(max: number, count = 5): number {
  if (!(max > 0)) return 1;
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
  return step ?? 10 * power;
}

/** 0, step, 2 step... up to the first tick at or above `max`, so every value fits under the last tick. */
export function ticks(max: number, count = 5): number[] {
  const step = niceStep(max, count);
  const last = Math.max(1, Math.ceil(max / step - 1e-9));
  return Array.from({ length: last + 1 }, (_, i) => Math.round(i * step * 1e6) / 1e6);
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

interface Series {
  label: string;
  color: string;
  dashed?: boolean;
  points: [number, number][];
}

interface Axes {
  title: string;
  subtitle: string;
  xLabel: string;
  yLabel: string;
}

export function convergeChartSvg(points: ConvergePoint[], title: string, subtitle: string): string {
  const origin: [number, number] = [0, 0];
  const series: Series[] = [
    // The limit grows linearly from nothing: (0, 0) draws it as the line it is.
    {
      label: "limit (busiest gateway)",
      color: COLORS.limit,
      dashed: true,
      points: [origin, ...pick(points, "limitSeconds")],
    },
    { label: "pulumi up --parallel N", color: COLORS.pulumi, points: pick(points, "pulumiSeconds") },
    {
      label: "pulumi up (default -p)",
      color: COLORS.pulumiDefault,
      points: pick(points, "pulumiDefaultSeconds"),
    },
    { label: "terraform-like schedule", color: COLORS.baseline, points: pick(points, "baselineSeconds") },
  ];
  return lineChartSvg(series, {
    title,
    subtitle,
    xLabel: "routes (over 4 gateways)",
    yLabel: "seconds to converge",
  });
}

/** The scale curve: plain `pulumi up` of N routes, the engine's floor for N resources, the gateways' limit. */
export function scaleChartSvg(
  curve: ScalePoint[],
  title: string,
  subtitle: string,
  gateways: number,
): string {
  const at = (key: "seconds" | "floorSeconds" | "limitSeconds") =>
    curve.map((p) => [p.routes, p[key]] as [number, number]);
  return lineChartSvg(
    [
      {
        label: "limit (busiest gateway)",
        color: COLORS.limit,
        dashed: true,
        points: [[0, 0], ...at("limitSeconds")],
      },
      { label: "pulumi up (routes)", color: COLORS.pulumiDefault, points: at("seconds") },
      { label: "engine floor (no-op)", color: COLORS.floor, points: at("floorSeconds") },
    ],
    { title, subtitle, xLabel: `routes (over ${gateways} gateways)`, yLabel: "seconds (pulumi up)" },
  );
}

function lineChartSvg(all: Series[], axes: Axes): string {
  const { title, subtitle } = axes;
  const series = all.filter((s) => s.points.length > 0);
  const maxX = Math.max(...series.flatMap((s) => s.points.map(([px]) => px)));
  const maxY = Math.max(1, ...series.flatMap((s) => s.points.map(([, y]) => y)));
  const xTicks = ticks(maxX, 5);
  const yTicks = ticks(maxY, 5);
  const xMax = xTicks[xTicks.length - 1];
  const yMax = yTicks[yTicks.length - 1];
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (v: number) => MARGIN.left + (v / xMax) * plotW;
  const y = (v: number) => MARGIN.top + plotH - (v / yMax) * plotH;
  const f = (n: number) => n.toFixed(1);

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${MARGIN.left}" y="22" ${FONT} font-size="16" font-weight="bold" fill="#111827">${esc(title)}</text>`,
    `<text x="${MARGIN.left}" y="40" ${FONT} font-size="12" fill="#4b5563">${esc(subtitle)}</text>`,
  );
  for (const t of yTicks) {
    parts.push(
      `<line x1="${f(MARGIN.left)}" y1="${f(y(t))}" x2="${f(MARGIN.left + plotW)}" y2="${f(y(t))}" stroke="${COLORS.grid}"/>`,
      `<text x="${f(MARGIN.left - 8)}" y="${f(y(t) + 4)}" ${FONT} font-size="11" text-anchor="end" fill="#374151">${t}</text>`,
    );
  }
  for (const t of xTicks) {
    parts.push(
      `<line x1="${f(x(t))}" y1="${f(MARGIN.top + plotH)}" x2="${f(x(t))}" y2="${f(MARGIN.top + plotH + 5)}" stroke="#374151"/>`,
      `<text x="${f(x(t))}" y="${f(MARGIN.top + plotH + 20)}" ${FONT} font-size="11" text-anchor="middle" fill="#374151">${t}</text>`,
    );
  }
  parts.push(
    `<line x1="${MARGIN.left}" y1="${f(MARGIN.top + plotH)}" x2="${f(MARGIN.left + plotW)}" y2="${f(MARGIN.top + plotH)}" stroke="#374151"/>`,
    `<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${f(MARGIN.top + plotH)}" stroke="#374151"/>`,
    `<text x="${f(MARGIN.left + plotW / 2)}" y="${HEIGHT - 14}" ${FONT} font-size="12" text-anchor="middle" fill="#111827">${esc(axes.xLabel)}</text>`,
    `<text transform="translate(18 ${f(MARGIN.top + plotH / 2)}) rotate(-90)" ${FONT} font-size="12" text-anchor="middle" fill="#111827">${esc(axes.yLabel)}</text>`,
  );
  const labels: Label[] = [];
  for (const s of series) {
    const sorted = [...s.points].sort((a, b) => a[0] - b[0]);
    if (sorted.length > 1) {
      const d = sorted.map(([px, py], i) => `${i === 0 ? "M" : "L"}${f(x(px))} ${f(y(py))}`).join(" ");
      parts.push(
        `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ""}/>`,
      );
    }
    for (const [px, py] of sorted) {
      if (s.dashed && px === 0) continue;
      parts.push(`<circle cx="${f(x(px))}" cy="${f(y(py))}" r="4" fill="${s.color}"/>`);
      if (!s.dashed) labels.push({ px: x(px), py: y(py), text: `${py.toFixed(1)} s`, color: s.color });
    }
  }
  for (const l of spreadLabels(labels)) {
    // Labels of the rightmost points go to their left, inside the plot.
    const right = l.px > MARGIN.left + plotW - 40;
    parts.push(
      `<text x="${f(right ? l.px - 8 : l.px + 8)}" y="${f(l.ty)}" ${FONT} font-size="10" text-anchor="${right ? "end" : "start"}" fill="${l.color}">${esc(l.text)}</text>`,
    );
  }
  series.forEach((s, i) => {
    const ly = MARGIN.top + 10 + i * 22;
    const lx = WIDTH - MARGIN.right + 16;
    parts.push(
      `<line x1="${lx}" y1="${ly}" x2="${lx + 24}" y2="${ly}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ""}/>`,
      `<circle cx="${lx + 12}" cy="${ly}" r="4" fill="${s.color}"/>`,
      `<text x="${lx + 32}" y="${ly + 4}" ${FONT} font-size="11" fill="#111827">${esc(s.label)}</text>`,
    );
  });
  parts.push("</svg>");
  return parts.join("\n") + "\n";
}

interface Label {
  px: number;
  py: number;
  text: string;
  color: string;
}

/** Labels at one x, top to bottom, pushed apart so that no two overlap. */
export function spreadLabels(labels: Label[]): (Label & { ty: number })[] {
  const LINE = 12;
  const out: (Label & { ty: number })[] = [];
  const byX = new Map<number, Label[]>();
  for (const l of labels) byX.set(l.px, [...(byX.get(l.px) ?? []), l]);
  for (const group of byX.values()) {
    let previous = -Infinity;
    for (const l of [...group].sort((a, b) => a.py - b.py)) {
      const ty = Math.max(l.py - 6, previous + LINE);
      out.push({ ...l, ty });
      previous = ty;
    }
  }
  return out;
}

function pick(points: ConvergePoint[], key: keyof ConvergePoint): [number, number][] {
  return points.flatMap((p) =>
    typeof p[key] === "number" ? [[p.routes, p[key] as number] as [number, number]] : [],
  );
}
