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
  const rows = parse(text, { columns: true, skip_empty_lines: true, bom: true, trim: true }) as Array<Record<string, string | undefined>>;
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

/** The stable key an indicator value is merged on: one value per unit, indicator and year. */
export const indicatorKey = (v: Pick<IndicatorValue, 'level' | 'code' | 'indicator' | 'year'>) => `${v.level}|${v.code}|${v.indicator}|${v.year}`;
