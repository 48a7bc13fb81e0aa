/**
 * Global ids: base64url of `Type:key`. Opaque to clients, stable, and decodable to the source key.
 * Lookups by id also accept the bare source key (`svc-0001`), which analysts type by hand.
 */
import { badInput } from '../../errors';

export type NodeType =
  | 'Region'
  | 'Zone'
  | 'Municipality'
  | 'Neighbourhood'
  | 'Sector'
  | 'Organisation'
  | 'Service'
  | 'Person'
  | 'Initiative'
  | 'Edition'
  | 'Session';

const NODE_TYPES: ReadonlySet<string> = new Set<NodeType>([
  'Region',
  'Zone',
  'Municipality',
  'Neighbourhood',
  'Sector',
  'Organisation',
  'Service',
  'Person',
  'Initiative',
  'Edition',
  'Session',
]);

export function toGlobalId(type: NodeType, key: string): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');
}

export function fromGlobalId(id: string): { type: NodeType; key: string } | null {
  if (!/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const text = Buffer.from(id, 'base64url').toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 1) return null;
  const type = text.slice(0, colon);
  const key = text.slice(colon + 1);
  return NODE_TYPES.has(type) && key.length > 0 ? { type: type as NodeType, key } : null;
}

/** The source key of an id argument expected to denote `type`. */
export function keyOf(type: NodeType, id: string, argument = 'id'): string {
  const decoded = fromGlobalId(id);
  if (decoded) {
    if (decoded.type !== type) throw badInput(argument, `is the id of a ${decoded.type}, not of a ${type}`);
    return decoded.key;
  }
  if (id.trim() === '' || id.length > 200) throw badInput(argument, 'is not a valid id');
  return id;
}
