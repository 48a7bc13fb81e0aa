/** Parts keys: one frozen list per set of parts, in a fixed order, each neighbour filled once. */
import { partsKey } from './projection';

it('gives the same frozen list for the same set of parts, whatever the order or repeats', () => {
  const a = partsKey(['sectors', 'organisation', 'sectors']);
  const b = partsKey(new Set(['organisation', 'sectors'] as const));
  expect(a).toEqual(['organisation', 'sectors']); // SERVICE_PARTS order: organisation before sectors
  expect(b).toBe(a);
  expect(Object.isFrozen(a)).toBe(true);
  expect(partsKey(a)).toBe(a); // a key is its own key
  const asked = Object.freeze(['sectors', 'organisation'] as const);
  expect(partsKey(asked)).toBe(a);
  expect(partsKey(asked)).toBe(a); // looked up the second time, same answer
});

it('fills each neighbour once: a quartier placed in its municipality and its zone is the placed one', () => {
  expect(partsKey(['neighbourhood', 'neighbourhoodInMunicipality', 'neighbourhoodInZone'])).toEqual(['neighbourhoodPlace']);
  expect(partsKey(['neighbourhood', 'neighbourhoodInZone'])).toEqual(['neighbourhoodInZone']);
  expect(partsKey(['neighbourhoodPlace', 'neighbourhoodInMunicipality', 'staff'])).toEqual(['neighbourhoodPlace', 'staff']);
  expect(partsKey([])).toEqual([]);
});
