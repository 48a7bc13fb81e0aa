/**
 * Global ids: base64url of `Type:key`. Opaque to clients, stable, and decodable to the source key.
 * Lookups by id also accept the bare source key (`svc-0001`), which analysts type by hand.
 */
import { badInput } from '../../errors';
import { decodeBase64Url, encodeBase64Url } from './base64url';

export type NodeType = 'Region' | 'Zone' | 'Municipality' | 'Neighbourhood' | 'Sector' | 'Organisation' | 'Service' | 'Person' | 'Initiative' | 'Edition' | 'Session';

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

/**
 * What every global id starts with: the base64url of its type name's first three letters (each
 * name is longer). A bare key (`svc-0001`) fails this at once, without being decoded.
 */
const ID_STARTS: ReadonlySet<string> = new Set([...NODE_TYPES].map((type) => encodeBase64Url(type.slice(0, 3))));

export function toGlobalId(type: NodeType, key: string): string {
  return encodeBase64Url(`${type}:${key}`);
}

export function fromGlobalId(id: string): { type: NodeType; key: string } | null {
  const text = ID_STARTS.has(id.slice(0, 4)) ? decodeBase64Url(id) : null;
  if (text === null) return null;
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
