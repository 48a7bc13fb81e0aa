/**
 * The care zone of a monitoring quartier, with its provenance. No official table maps monitoring
 * quartiers to zones (zones are made of social-health quartiers, built from statistical sectors), so
 * the link is derived here from what the sources state:
 *
 * 1. a quartier whose main municipality (largest area share) is split between zones (Brussels-City)
 *    takes the project's row for it (data/brussels/project/brussels_city_zones.csv), with the
 *    provenance written there;
 * 2. otherwise it takes the zone of its main municipality: VERIFIED when that municipality is stated
 *    to be in the zone and every municipality the quartier touches is stated to be wholly in the same
 *    zone; INFERRED when the municipality list of the zone is itself inferred (Nord-Est,
 *    Centre-Ouest), or when the quartier straddles into a municipality of another zone or into
 *    Brussels-City.
 */
export type Provenance = 'VERIFIED' | 'INFERRED';

export interface ZoneMembership {
  nis: string;
  /** True when only part of the municipality is in the zone (Brussels-City). */
  part: boolean;
  status: Provenance;
}

export interface ZoneAssignment {
  zoneCode: string | null;
  provenance: Provenance;
  basis: string;
}

export interface ZoneComposition {
  code: string;
  municipalities: readonly ZoneMembership[];
}

export function assignZone(
  quartier: { mainNis: string; municipalities: readonly string[] },
  zones: readonly ZoneComposition[],
  projectRow?: { zone: string; provenance: Provenance; basis: string },
): ZoneAssignment {
  if (projectRow) return { zoneCode: projectRow.zone, provenance: projectRow.provenance, basis: `project assignment: ${projectRow.basis}` };
  const wholly = (nis: string) => zones.flatMap((z) => z.municipalities.filter((m) => m.nis === nis && !m.part).map((m) => ({ zone: z.code, status: m.status })));
  const [home, ...more] = wholly(quartier.mainNis);
  if (!home || more.length) return { zoneCode: null, provenance: 'INFERRED', basis: `no single zone holds municipality ${quartier.mainNis} wholly` };
  const strays = quartier.municipalities.filter((nis) => nis !== quartier.mainNis && !wholly(nis).some((m) => m.zone === home.zone));
  if (strays.length)
    return {
      zoneCode: home.zone,
      provenance: 'INFERRED',
      basis: `zone of its main municipality ${quartier.mainNis}; it also lies in ${strays.join(', ')}, not wholly in that zone`,
    };
  if (home.status !== 'VERIFIED')
    return { zoneCode: home.zone, provenance: 'INFERRED', basis: `municipality ${quartier.mainNis}: the zone's municipality list is inferred from its site` };
  return { zoneCode: home.zone, provenance: 'VERIFIED', basis: `municipality ${quartier.mainNis} is stated to be in the zone` };
}
