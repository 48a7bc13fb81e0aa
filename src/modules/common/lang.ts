/** Bilingual names: the `name(lang:)` field of every named type. */
import type { Context, LangCode } from '../../context';

export interface Named {
  nameFr: string;
  nameNl: string;
}

export function nameIn(row: Named, lang: LangCode | null | undefined, ctx: Pick<Context, 'lang'>): string {
  return (lang ?? ctx.lang) === 'NL' ? row.nameNl : row.nameFr;
}

/** Resolver for `name(lang: Lang): String!`. */
export const nameField = (row: Named, args: { lang?: LangCode | null }, ctx: Context): string => nameIn(row, args.lang, ctx);
