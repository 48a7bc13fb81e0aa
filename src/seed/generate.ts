/**
 * The deterministic graph generator: `generateDataset({ scale, seed })` returns the same rows for
 * the same arguments. Pure (no database); src/seed/load.ts writes the rows.
 *   demo  the real Brussels territory, ~400 synthetic services, ~1,000 people, the seed initiatives 2022–2024,
 *         a relationship survey of two zones, referrals and agreements
 *   S     one region: ~5,000 services, ~25,000 people, ~20,000 sessions, ~250,000 attendances
 *   L     ten regions of S (a country)
 */
import { ORGANISERS, SECTORS } from './brussels';
import { emptyDataset, type Dataset } from './dataset';
import { generateDirectory } from './directory-gen';
import { generateEvidence } from './evidence-gen';
import { generateInitiatives } from './initiatives-gen';
import { Random } from './random';
import { generateTerritory } from './territory-gen';

export type Scale = 'demo' | 'S' | 'L';
export const SCALES: readonly Scale[] = ['demo', 'S', 'L'];

/** `evidence`: a relationship survey, referrals and agreements (evidence-gen.ts); the demo only, so S and L measure the upkeep of attendance as before. */
const SIZES: Record<Scale, { regions: number; services: number; people: number; years: number[]; extraSessions: number; evidence: boolean }> = {
  demo: { regions: 1, services: 400, people: 1000, years: [2022, 2023], extraSessions: 0, evidence: true },
  S: { regions: 1, services: 5000, people: 25000, years: [2019, 2020, 2021, 2022, 2023], extraSessions: 19_000, evidence: false },
  L: { regions: 10, services: 5000, people: 25000, years: [2019, 2020, 2021, 2022, 2023], extraSessions: 19_000, evidence: false },
};

export function generateDataset(opts: { scale: Scale; seed: number }): Dataset {
  const size = SIZES[opts.scale];
  const data = emptyDataset();
  data.sectors.push(...SECTORS.map(({ code, nameFr, nameNl }) => ({ code, nameFr, nameNl })));
  data.organisations.push(...ORGANISERS.map((o) => ({ ...o, synthetic: false })));
  for (let r = 0; r < size.regions; r++) {
    const rnd = new Random(opts.seed * 1_000_003 + r);
    const territory = generateTerritory(data, rnd, r);
    const directory = generateDirectory(data, rnd, territory, size);
    generateInitiatives(data, rnd, territory, directory, { years: size.years, extraSessions: size.extraSessions });
    if (size.evidence) generateEvidence(data, rnd.derive('evidence'), territory, directory);
  }
  return data;
}
