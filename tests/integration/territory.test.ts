/** Territory: containment both ways, lookups, bilingual names — on tests/fixtures/small-territory.cypher. */
import { codes, useFixtureApi } from '../helpers/api';

const api = useFixtureApi('small-territory');

describe('containment', () => {
  it('a zone lists the municipalities its quartiers lie in, and a split municipality lists both zones', async () => {
    const { data, errors } = await api().run<{
      zone: { municipalities: Array<{ nisCode: string }>; neighbourhoods: Array<{ code: string }> };
      municipality: { zones: Array<{ code: string }>; neighbourhoods: Array<{ code: string }> };
    }>(`{
      zone(code: "SUD") { municipalities { nisCode } neighbourhoods { code } }
      municipality(nisCode: "21004") { zones { code } neighbourhoods(grid: SOCIAL_HEALTH) { code } }
    }`);
    expect(errors).toBeUndefined();
    // SUD holds Q1 (21007), Q2 (21009), Q3 (21004): 3 municipalities, 3 quartiers.
    expect(data?.zone.municipalities.map((m) => m.nisCode)).toEqual(['21004', '21007', '21009']);
    expect(data?.zone.neighbourhoods.map((n) => n.code)).toEqual(['Q1', 'Q2', 'Q3']);
    // 21004 has Q3 (SUD) and Q4 (NORD): 2 zones.
    expect(data?.municipality.zones.map((z) => z.code)).toEqual(['NORD', 'SUD']);
    expect(data?.municipality.neighbourhoods.map((n) => n.code)).toEqual(['Q3', 'Q4']);
  });

  it('walks up from a neighbourhood to its municipality, zone and region', async () => {
    const { data } = await api().run<{ neighbourhood: { zone: { code: string; region: { code: string } }; municipality: { name: string } } }>(
      '{ neighbourhood(code: "Q3") { zone { code region { code } } municipality { name(lang: NL) } } }',
    );
    expect(data?.neighbourhood).toEqual({ zone: { code: 'SUD', region: { code: 'BRU' } }, municipality: { name: 'Brussel' } });
  });

  it('a monitoring-grid neighbourhood has a municipality and no zone', async () => {
    const { data } = await api().run<{ neighbourhood: { grid: string; zone: null; municipality: { nisCode: string } } }>(
      '{ neighbourhood(code: "M1") { grid zone { code } municipality { nisCode } } }',
    );
    expect(data?.neighbourhood).toEqual({ grid: 'MONITORING', zone: null, municipality: { nisCode: '21007' } });
  });

  it('lists neighbourhoods within any territory, of one grid', async () => {
    const { data } = await api().run<{ a: Array<{ code: string }>; b: Array<{ code: string }>; c: Array<{ code: string }> }>(`{
      a: neighbourhoods(within: { municipality: "21007" }) { code }
      b: neighbourhoods(within: { region: "BRU" }, grid: MONITORING) { code }
      c: neighbourhoods(within: { zone: "NORD" }) { code }
    }`);
    expect(data?.a.map((n) => n.code)).toEqual(['M1', 'Q1']); // Forest: Q1 and M1
    expect(data?.b.map((n) => n.code)).toEqual(['M1']); // 1 monitoring neighbourhood in all
    expect(data?.c.map((n) => n.code)).toEqual(['Q4']);
  });
});

describe('languages', () => {
  it('names follow lang, else Accept-Language, else French', async () => {
    const query = '{ municipality(nisCode: "21007") { name fr: name(lang: FR) nl: name(lang: NL) nameFr nameNl } }';
    const fr = await api().run<{ municipality: Record<string, string> }>(query);
    const nl = await api().run<{ municipality: Record<string, string> }>(query, {}, { acceptLanguage: 'nl-BE,nl;q=0.9' });
    expect(fr.data?.municipality).toEqual({ name: 'Forest', fr: 'Forest', nl: 'Vorst', nameFr: 'Forest', nameNl: 'Vorst' });
    expect(nl.data?.municipality.name).toBe('Vorst');
  });

  it('an unknown language is BAD_USER_INPUT', async () => {
    const literal = await api().run('{ municipality(nisCode: "21007") { name(lang: DE) } }');
    const variable = await api().run('query($l: Lang) { municipality(nisCode: "21007") { name(lang: $l) } }', { l: 'DE' });
    expect(codes(literal.errors)).toEqual(['BAD_USER_INPUT']);
    expect(codes(variable.errors)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('lookups and bad input', () => {
  it('unknown codes are NOT_FOUND naming the argument', async () => {
    const { errors } = await api().run('{ zone(code: "OUEST") { code } }');
    expect(codes(errors)).toEqual(['NOT_FOUND']);
    expect(errors?.[0]?.extensions?.argument).toBe('code');
    const nis = await api().run('{ municipality(nisCode: "99999") { nameFr } }');
    expect(nis.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'nisCode', value: '99999' });
  });

  it('territory() needs exactly one field', async () => {
    const none = await api().run('{ territory(select: {}) { __typename } }');
    const two = await api().run('{ territory(select: { zone: "SUD", municipality: "21007" }) { __typename } }');
    expect(none.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'select' });
    expect(two.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'select' });
    const ok = await api().run<{ territory: { __typename: string; nisCode: string } }>(
      '{ territory(select: { municipality: "21009" }) { __typename ... on Municipality { nisCode } } }',
    );
    expect(ok.data?.territory).toEqual({ __typename: 'Municipality', nisCode: '21009' });
  });

  it('node(id) returns what the id names, and null for an unknown id', async () => {
    const { data } = await api().run<{ zone: { id: string } }>('{ zone(code: "NORD") { id } }');
    const id = data?.zone.id ?? '';
    const node = await api().run<{ node: { __typename: string; code: string } | null; missing: null }>(
      `query($id: ID!) { node(id: $id) { __typename ... on Zone { code } } missing: node(id: "bm9wZQ") { __typename } }`,
      { id },
    );
    expect(node.data).toEqual({ node: { __typename: 'Zone', code: 'NORD' }, missing: null });
  });
});
