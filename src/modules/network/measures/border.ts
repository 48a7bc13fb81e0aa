/**
 * Does the language border hold: the share of ties between a French-only and a Dutch-only service
 * (bilingual services do not cross it), over the territory and per initiative that contributed to a tie.
 */
import type { ServiceNode } from './graph';

export interface BorderShare {
  ties: number;
  crossBorder: number;
  /** crossBorder / ties; null without ties. */
  share: number | null;
}

export interface InitiativeBorder extends BorderShare {
  initiativeId: string;
}

const share = (n: number, d: number) => (d > 0 ? n / d : null);

export function languageBorder(nodes: ServiceNode[], ties: Array<{ a: string; b: string; initiatives: string[] }>): { territory: BorderShare; initiatives: InitiativeBorder[] } {
  const language = new Map(nodes.map((n) => [n.id, n.language]));
  const crosses = (t: { a: string; b: string }) => [language.get(t.a), language.get(t.b)].sort().join() === 'FR,NL';
  const perInitiative = new Map<string, { ties: number; crossBorder: number }>();
  for (const t of ties)
    for (const i of t.initiatives) {
      const row = perInitiative.get(i) ?? { ties: 0, crossBorder: 0 };
      row.ties += 1;
      if (crosses(t)) row.crossBorder += 1;
      perInitiative.set(i, row);
    }
  const crossBorder = ties.filter(crosses).length;
  const initiatives = [...perInitiative.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([initiativeId, r]) => ({ initiativeId, ...r, share: share(r.crossBorder, r.ties) }));
  return { territory: { ties: ties.length, crossBorder, share: share(crossBorder, ties.length) }, initiatives };
}
