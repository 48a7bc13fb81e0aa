/**
 * Socio-demographic indicators ("cold data") per territorial unit, as tidy CSV rows
 * `code, year, indicator, value, unit` (the shape of the shared indicator files and of what a user
 * imports). An empty value is a figure the source does not publish: it stays null, never 0 or an
 * estimate. Every value carries its year and its source.
 */
import { parse } from 'csv-parse/sync';

export type IndicatorLevel = 'NEIGHBOURHOOD' | 'MUNICIPALITY' | 'STATISTICAL_SECTOR';
export const INDICATOR_LEVELS: readonly IndicatorLevel[] = ['NEIGHBOURHOOD', 'MUNICIPALITY', 'STATISTICAL_SECTOR'];

export interface IndicatorValue {
  level: IndicatorLevel;
  code: string;
  indicator: string;
  year: number;
  /** Null when the source publishes no figure (confidential, or no population). */
  value: number | null;
  unit: string;
  source: string;
}

export interface RowProblem {
  row: number;
  field: string;
  message: string;
}

const INDICATOR_NAME = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * Rows of one file; a bad row is reported (row number as in the file, header = 1) and left out.
 * `source` applies to rows without a `source` column of their own.
 */
export function parseIndicatorCsv(text: string, level: IndicatorLevel, source: string): { values: IndicatorValue[]; rowOf: number[]; problems: RowProblem[] } {
  const rows = parse<Record<string, string | undefined>>(text, { columns: true, skip_empty_lines: true, bom: true, trim: true });
  const values: IndicatorValue[] = [];
  /** The file row of each value (header = 1). */
  const rowOf: number[] = [];
  const problems: RowProblem[] = [];
  rows.forEach((r, i) => {
    const row = i + 2;
    const bad = (field: string, message: string) => problems.push({ row, field, message });
    const code = r.code ?? '';
    const year = Number(r.year);
    const indicator = r.indicator ?? '';
    const raw = r.value ?? '';
    const value = raw === '' ? null : Number(raw);
    const rowSource = r.source || source;
    if (!code) return bad('code', 'required');
    if (!Number.isInteger(year) || year < 1900 || year > 2100) return bad('year', `must be a year (got ${JSON.stringify(r.year ?? '')})`);
    if (!INDICATOR_NAME.test(indicator)) return bad('indicator', 'must be a lower-case name like median_taxable_income');
    if (value !== null && !Number.isFinite(value)) return bad('value', `must be a number or empty (got ${JSON.stringify(raw)})`);
    if (!r.unit) return bad('unit', 'required');
    if (!rowSource) return bad('source', 'required (a source column or the --source option)');
    values.push({ level, code, indicator, year, value, unit: r.unit, source: rowSource });
    rowOf.push(row);
  });
  return { values, rowOf, problems };
}

/**
 * Indicators that add up over units (counts and totals); medians, means and shares do not, and are
 * never summed into a zone or the region.
 */
export const ADDITIVE_INDICATORS: ReadonlySet<string> = new Set(['population', 'nb_declaration', 'revenu_total_net_imposable']);

export interface PartValue {
  indicator: string;
  year: number;
  value: number | null;
  unit: string;
  source: string;
}

/**
 * The sum over `parts` units of each additive indicator and year: null when any of the parts has no
 * figure (a partial sum would pass for the whole). `whole` names what was summed, for the source line.
 */
export function rollUp(values: readonly PartValue[], parts: number, whole: string): PartValue[] {
  const groups = new Map<string, PartValue[]>();
  for (const v of values) {
    if (!ADDITIVE_INDICATORS.has(v.indicator)) continue;
    const key = `${v.indicator}|${v.year}|${v.unit}`;
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  return [...groups.values()]
    .map((group) => {
      const [first] = group as [PartValue];
      const complete = group.length === parts && group.every((v) => v.value !== null);
      const sources = [...new Set(group.map((v) => v.source))].join('; ');
      return {
        indicator: first.indicator,
        year: first.year,
        unit: first.unit,
        value: complete ? group.reduce((sum, v) => sum + (v.value ?? 0), 0) : null,
        source: `summed over ${whole} (${group.filter((v) => v.value !== null).length} of ${parts} with a figure) by the project, from: ${sources}`,
      };
    })
    .sort((a, b) => a.indicator.localeCompare(b.indicator) || a.year - b.year);
}

/** The stable key an indicator value is merged on: one value per unit, indicator and year. */
export const indicatorKey = (v: Pick<IndicatorValue, 'level' | 'code' | 'indicator' | 'year'>) => `${v.level}|${v.code}|${v.indicator}|${v.year}`;
