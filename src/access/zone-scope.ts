/**
 * Zone keys: every territory argument must lie inside the key's zone, and so must the sessions they
 * list and the editions they ask about. A municipality counts as
 * inside only when all its social-health quartiers are (Brussels-City is split, so it is not);
 * the region and monitoring-grid neighbourhoods (which have no zone) are outside.
 */
import { GraphQLError } from 'graphql';
import type { Context } from '../context';
import { ErrorCode } from '../errors';
import { keyOf } from '../modules/common/ids';
import { parseTerritory } from '../modules/territory/select';
import type { TerritoryInput } from '../__generated__/resolvers-types';

const TERRITORY_ARGS = ['territory', 'within', 'select'];

function territoryArgs(args: Record<string, unknown>): Array<[string, TerritoryInput]> {
  const found: Array<[string, TerritoryInput]> = [];
  for (const name of TERRITORY_ARGS) if (args[name] && typeof args[name] === 'object') found.push([name, args[name]]);
  const filter = args.filter as { territory?: TerritoryInput } | undefined;
  if (filter?.territory) found.push(['filter.territory', filter.territory]);
  return found;
}

function outside(ctx: Context, argument: string, where: string): GraphQLError {
  return new GraphQLError(`Forbidden: this key is scoped to zone ${ctx.principal.zone}; "${argument}" of ${where} lies outside it`, {
    extensions: { code: ErrorCode.FORBIDDEN, argument, zone: ctx.principal.zone },
  });
}

export async function checkTerritoryArgs(ctx: Context, args: Record<string, unknown>, where: string): Promise<void> {
  const zone = ctx.principal.zone;
  for (const [argument, input] of territoryArgs(args)) {
    const sel = parseTerritory(input, argument);
    const t = ctx.loaders.territory;
    let inside: boolean;
    if (sel.level === 'zone') inside = sel.code === zone;
    else if (sel.level === 'neighbourhood') inside = (await t.neighbourhood.load(sel.code))?.zoneCode === zone;
    else if (sel.level === 'municipality') {
      const zones = await t.zonesOfMunicipality.load(sel.code);
      inside = zones.length > 0 && zones.every((z) => z.code === zone);
    } else inside = false;
    if (!inside) throw outside(ctx, argument, where);
  }
}

/** The zone of a service by id (null when unknown or outside every zone). */
async function zoneOfService(ctx: Context, id: string | null | undefined): Promise<string | null> {
  if (!id) return null;
  return (await ctx.loaders.directory.serviceById(id))?.zoneCode ?? null;
}

/** A session belongs to the zone of the service that hosts it. */
export async function sessionInZone(ctx: Context, session: { hostId: string | null }): Promise<boolean> {
  return (await zoneOfService(ctx, session.hostId)) === ctx.principal.zone;
}

/** An edition is a zone's when at least one of its sessions is hosted there. */
export async function editionInZone(ctx: Context, editionId: string): Promise<boolean> {
  // The hosts' zones worked out in the database: an edition has hundreds of sessions, a few hosts.
  const zone = ctx.principal.zone;
  return zone !== undefined && (await ctx.loaders.initiatives.zonesOfEdition.load(editionId)).includes(zone);
}

export type ZonedEntity = 'Edition';

/** FORBIDDEN unless the entity an ID argument names lies in the zone key's zone (unknown ids pass: the field answers NOT_FOUND). */
export async function checkEntityArg(ctx: Context, entity: ZonedEntity, argument: string, id: string, where: string): Promise<void> {
  const key = keyOf(entity, id, argument);
  if (!(await ctx.loaders.initiatives.edition.load(key))) return;
  if (!(await editionInZone(ctx, key))) throw outside(ctx, argument, where);
}
