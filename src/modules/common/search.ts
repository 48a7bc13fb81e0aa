/**
 * Turns a user's search words into a Lucene query for the full-text indexes: every word must match
 * as a prefix; Lucene operators typed by the user are escaped, never interpreted.
 */
import { badInput } from '../../errors';

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

export function fullTextQuery(search: string | null | undefined, argument = 'search'): string | null {
  if (search === null || search === undefined) return null;
  if (search.length > 200) throw badInput(argument, 'must be at most 200 characters');
  const words = search
    .normalize('NFKC')
    .split(/\s+/)
    .map((w) => w.replace(LUCENE_SPECIAL, (c) => `\\${c}`))
    .filter((w) => w.length > 0);
  if (words.length === 0) return null;
  return words.map((w) => `${w}*`).join(' AND ');
}
