/**
 * `TerritoryInput` → one territorial unit. Used by every query that takes a territory, so the
 * "exactly one field" and "unknown code" errors read the same everywhere.
 */
import type { Context } from '../../context';
import type { TerritoryInput } from '../../__generated__/resolvers-types';
import { badInput, notFound } from '../../errors';
import type { TerritoryRow } from './model';

export type TerritoryLevel = 'region' | 'zone' | 'municipality' | 'neighbourhood';

export interface TerritorySelection {
  level: TerritoryLevel;
  code: string;
}

const LEVELS: TerritoryLevel[] = ['region', 'zone', 'municipality', 'neighbourhood'];

export function parseTerritory(input: TerritoryInput, argument = 'territory'): TerritorySelection {
  const given = LEVELS.filter((level) => input[level] !== null && input[level] !== undefined);
  if (given.length !== 1) {
    throw badInput(argument, `give exactly one of ${LEVELS.join(', ')} (got ${given.length ? given.join(', ') : 'none'})`);
  }
  const level = given[0] as TerritoryLevel;
  const code = String(input[level]).trim();
  if (code === '') throw badInput(`${argument}.${level}`, 'must not be empty');
  return { level, code };
}

/** The territory's row, or NOT_FOUND naming the argument. */
export async function loadTerritory(ctx: Context, sel: TerritorySelection, argument = 'territory'): Promise<TerritoryRow> {
  const t = ctx.loaders.territory;
  const row =
    sel.level === 'region'
      ? await t.region.load(sel.code)
      : sel.level === 'zone'
        ? await t.zone.load(sel.code)
        : sel.level === 'municipality'
          ? await t.municipality.load(sel.code)
          : await t.neighbourhood.load(sel.code);
  if (!row) throw notFound(`${argument}.${sel.level}`, sel.code, sel.level);
  return row;
}

/** Parses and checks existence in one step. */
export async function selectTerritory(ctx: Context, input: TerritoryInput, argument = 'territory'): Promise<TerritorySelection> {
  const sel = parseTerritory(input, argument);
  await loadTerritory(ctx, sel, argument);
  return sel;
}
