/** Parts keys: one frozen list per set of parts, in a fixed order, each neighbour filled once; trims from the operation. */
import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, type OperationDefinitionNode } from 'graphql';
import { CONNECTION_NODES, partsKey, servicePartsOf, trimsOf } from './projection';

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

/** The resolve info of an operation's first field, as the executor gives it. */
function infoOf(document: string): Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments' | 'operation'> {
  const doc = parse(document);
  const operation = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  return { operation, fragments, fieldNodes: [operation.selectionSet.selections[0] as FieldNode] };
}

describe('trims: what the whole operation never asks is not read', () => {
  it('names in the request language only, and no flags, when only names are asked', () => {
    const info = infoOf('{ services { nodes { name organisation { name } } } }');
    expect(trimsOf(info, 'FR')).toEqual(['onlyNamesFr', 'noFlags']);
    expect(trimsOf(info, 'NL')).toEqual(['onlyNamesNl', 'noFlags']);
    // parts and trims together, one list per language
    expect(servicePartsOf(info, 'FR', CONNECTION_NODES)).toEqual(['organisation', 'onlyNamesFr', 'noFlags']);
    expect(servicePartsOf(info, 'NL', CONNECTION_NODES)).toEqual(['organisation', 'onlyNamesNl', 'noFlags']);
  });

  it('a language given literally wins over the request language; a variable may be either, so both are read', () => {
    expect(trimsOf(infoOf('{ services { nodes { name(lang: NL) } } }'), 'FR')).toEqual(['onlyNamesNl', 'noFlags']);
    expect(trimsOf(infoOf('query($l: Lang) { services { nodes { name(lang: $l) } } }'), 'FR')).toEqual(['noFlags']);
    expect(trimsOf(infoOf('{ services { nodes { fr: name(lang: FR) nl: name(lang: NL) } } }'), 'FR')).toEqual(['noFlags']);
  });

  it('looks at the whole operation, fragments included, not only at the services asked', () => {
    // The page asks FR names only; another field of the same operation asks a Dutch name and a flag.
    const info = infoOf('{ services { nodes { name } } sectors { ...S } } fragment S on Sector { nameNl } ');
    expect(trimsOf(info, 'FR')).toEqual(['noFlags']);
    expect(trimsOf(infoOf('{ services { nodes { name } } organisation(id: "o") { synthetic } }'), 'FR')).toEqual(['onlyNamesFr']);
    expect(trimsOf(infoOf('{ services { nodes { ... on Service { workingLanguage } } } }'), 'NL')).toEqual(['onlyNamesFr']); // no name asked: FR kept
  });

  it('reads both languages when both trims are given', () => {
    expect(partsKey(['onlyNamesFr', 'onlyNamesNl', 'noFlags'])).toEqual(['noFlags']);
  });
});
