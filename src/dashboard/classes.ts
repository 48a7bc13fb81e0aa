/**
 * Class breaks and colours of the choropleth. Counts and need indicators: quantiles of the
 * quartiers' values (5 classes, fewer when values repeat), so each colour holds about as many
 * quartiers (whole breaks for counts); shares: fixed fifths of 0–1; the E-I index: fixed classes of −1…+1 on a diverging ramp
 * (negative: ties within sectors, positive: across). A quartier without a figure is "no data". Pure.
 */
export interface Classes {
  /** n + 1 ascending break values: class i holds values from breaks[i] (included) to breaks[i + 1]. */
  breaks: number[];
  /** n colours, lowest class first. */
  colours: string[];
}

export type ScaleKind = 'quantile' | 'share' | 'diverging';

/** ColorBrewer YlGnBu (5) and PuOr (5), colour-blind safe. */
const SEQUENTIAL = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'];
const DIVERGING = ['#e66101', '#fdb863', '#f7f7f7', '#b2abd2', '#5e3c99'];
export const NO_DATA = '#d9d9d9';

const quantile = (sorted: number[], q: number) => {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return (sorted[lo] ?? 0) + ((sorted[hi] ?? 0) - (sorted[lo] ?? 0)) * (at - lo);
};

export function classify(values: ReadonlyArray<number | null>, kind: ScaleKind, n = 5): Classes {
  if (kind === 'share') return { breaks: [0, 0.2, 0.4, 0.6, 0.8, 1], colours: SEQUENTIAL };
  if (kind === 'diverging') return { breaks: [-1, -0.6, -0.2, 0.2, 0.6, 1], colours: DIVERGING };
  const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return { breaks: [], colours: [] };
  // Counts (every value whole) get whole breaks: "0 – 0.8 services" reads as nothing.
  const round = sorted.every(Number.isInteger) ? Math.round : (b: number) => Math.round(b * 100) / 100;
  const breaks = [...new Set(Array.from({ length: n + 1 }, (_, i) => round(quantile(sorted, i / n))))];
  if (breaks.length === 1) breaks.push(breaks[0]!); // one value everywhere: one class
  const classes = breaks.length - 1;
  // Spread the ramp over the classes there are (3 classes: light, middle, dark).
  const colours = Array.from({ length: classes }, (_, i) => SEQUENTIAL[classes === 1 ? 2 : Math.round((i * (SEQUENTIAL.length - 1)) / (classes - 1))]!);
  return { breaks, colours };
}

/** The class of a value (null: no data); the top break is included in the last class. */
export function classOf(classes: Classes, value: number | null): number | null {
  if (value === null || !Number.isFinite(value) || classes.colours.length === 0) return null;
  const last = classes.colours.length - 1;
  for (let i = 0; i < last; i++) if (value < classes.breaks[i + 1]!) return i;
  return last;
}

export const colourFor = (classes: Classes, value: number | null): string => {
  const i = classOf(classes, value);
  return i === null ? NO_DATA : classes.colours[i]!;
};
