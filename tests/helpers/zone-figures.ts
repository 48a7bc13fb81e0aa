/** A zone's network figures under a tie filter, for the tests that print them per zone for the docs. */
import type { TestApi } from './api';

export const ZONES = ['CENTRE_OUEST', 'NORD', 'NORD_EST', 'SUD', 'SUD_EST'];

export interface ZoneFigures {
  ties: number;
  fragile: number;
  gaps: number;
  ei: number | null;
}

/** Ties, fragile ties (as of 2025-01-01), gaps and the E-I index of a zone; `ties` is a GraphQL argument suffix such as `, ties: { minWeight: 0 }`. */
export async function zoneFigures(api: TestApi, zone: string, ties: string): Promise<ZoneFigures> {
  const t = `territory: { zone: "${zone}" }${ties}`;
  const res = await api.run<{ acquaintances: { totalCount: number }; fragileTies: unknown[]; gaps: unknown[]; eiIndex: { territory: { index: number | null } } }>(
    `{ acquaintances(${t}, first: 1) { totalCount } fragileTies(${t}, asOf: "2025-01-01", first: 500) { status } gaps(${t}, first: 500) { observed } eiIndex(${t}) { territory { index } } }`,
  );
  expect(res.errors).toBeUndefined();
  const d = res.data!;
  return { ties: d.acquaintances.totalCount, fragile: d.fragileTies.length, gaps: d.gaps.length, ei: d.eiIndex.territory.index };
}
