/**
 * The pure half of the derived ties: what a list of session facts implies (no database).
 *
 *   x1 2023-01-10 (initiative I, host hA): u PRESENT at hA; v PRESENT at hB and hC (two jobs); w PRESENT, no job
 *   x2 2023-02-10 (initiative J, host hA): v VISITOR at hB and hC; u PRESENT at hA (the host's own staff)
 * Neither has an end time: each counts as a 3-hour meeting (duration factor 1). Weights: x1 has 3
 * present, so each pair gets 1/2; x2 has 2, so 1; the visit v → hA weighs 1 (a meeting of two).
 */
import { computeTies, durationFactor, tieChanges, tieSignature, type SessionFacts } from './ties';
import { byPair, fromWindow } from './tie-rows';

const facts: SessionFacts[] = [
  {
    session: 'x1',
    day: '2023-01-10',
    initiative: 'I',
    host: 'hA',
    present: [
      { person: 'u', role: 'PARTICIPANT', services: ['hA'] },
      { person: 'v', role: 'PARTICIPANT', services: ['hC', 'hB'] },
      { person: 'w', role: 'USER_REPRESENTATIVE', services: [] },
    ],
  },
  {
    session: 'x2',
    day: '2023-02-10',
    initiative: 'J',
    host: 'hA',
    present: [
      { person: 'v', role: 'VISITOR', services: ['hB', 'hC'] },
      { person: 'u', role: 'PARTICIPANT', services: ['hA'] },
    ],
  },
];

describe('computeTies', () => {
  const { met, knows } = computeTies(facts);

  it('MET: one per session both were present; people without a job still meet', () => {
    expect([...met.values()].map((m) => [m.a, m.b, m.count, m.weight, m.firstAt, m.lastAt, m.initiatives.join()])).toEqual([
      ['u', 'v', 2, 1.5, '2023-01-10', '2023-02-10', 'I,J'], // 1/2 (x1) + 1 (x2)
      ['u', 'w', 1, 0.5, '2023-01-10', '2023-01-10', 'I'],
      ['v', 'w', 1, 0.5, '2023-01-10', '2023-01-10', 'I'],
    ]);
  });

  it('KNOWS: v counts for both its services; at x2, co-presence with u plus the visit to host hA', () => {
    // hA–hB: x1 (u,v), x2 (u,v), x2 visit v → hA: strength 3, 1 visit. Same for hA–hC. No hB–hC: one person is no tie.
    expect([...knows.keys()].sort()).toEqual(['hA|hB', 'hA|hC']);
    const ab = knows.get('hA|hB')!;
    // Weight: 1/2 (x1) + 1 (x2 co-presence) + 1 (the visit) = 2.5, over 2 distinct days.
    expect(ab).toMatchObject({
      strength: 3,
      weight: 2.5,
      meetings: 2,
      visits: 1,
      firstAt: '2023-01-10',
      lastAt: '2023-02-10',
      initiatives: ['I', 'J'],
      peopleA: ['u'],
      peopleB: ['v'],
      breadthA: 1,
      breadthB: 1,
    });
    expect(ab.dates).toEqual(['2023-01-10', '2023-02-10', '2023-02-10']);
    expect(ab.encounterPeopleA).toEqual(['u', '', 'u']); // sorted by day, initiative, then people: the visit ('' on the host side) first
    expect(ab.encounterPeopleB).toEqual(['v', 'v', 'v']);
    expect(ab.weights).toEqual([0.5, 1, 1]);
  });

  it('is deterministic whatever the order of facts and of the services of a person', () => {
    const again = computeTies([...facts].reverse().map((f) => ({ ...f, present: [...f.present].reverse() })));
    expect([...again.knows.values()].sort(byPair)).toEqual([...knows.values()].sort(byPair));
    expect([...again.met.values()].sort(byPair)).toEqual([...met.values()].sort(byPair));
  });

  it('a visitor visiting its own service makes no tie; absent facts make none', () => {
    expect(computeTies([{ session: 'y', day: '2023-03-01', initiative: null, host: 'hA', present: [{ person: 'u', role: 'VISITOR', services: ['hA'] }] }]).knows.size).toBe(0);
    expect(computeTies([])).toEqual({ met: new Map(), knows: new Map() });
  });
});

describe('fromWindow: a tie cut to the encounters inside a window', () => {
  it('sums strength, visits, breadth and initiatives over the given encounters only', () => {
    const row = {
      a: 'hA',
      b: 'hB',
      dates: ['2023-02-10', '2023-02-10'],
      via: ['J', 'J'],
      encounterPeopleA: ['', 'u'],
      encounterPeopleB: ['v', 'v'],
      weights: [1, 0.25],
      kinds: ['VISIT', 'CO_PRESENCE'],
    };
    expect(fromWindow(row)).toEqual({
      a: 'hA',
      b: 'hB',
      strength: 2,
      weight: 1.25,
      meetings: 1,
      visits: 1,
      firstMet: '2023-02-10',
      lastMet: '2023-02-10',
      initiatives: ['J'],
      peopleA: ['u'],
      peopleB: ['v'],
      breadthA: 1,
      breadthB: 1,
    });
  });
});

/**
 * Groups and duration, counted by hand.
 *   w1 2023-04-01, 6 h (factor 2), host hN: table T1 = a (sA), b (sB), c (sC); table T2 = d (sD), e (sE);
 *      no group: f (sF), g (sG), h (sA)
 *   w2 2023-04-02, 1.5 h (factor 0.5), host sH: visitors a (sA), b (sB), d (sD), e (sE) in one visit group
 *   w3 2023-04-03, 9 h (capped at 6 h: factor 2), host sA: b (sB) VISITOR alone (an immersion day)
 */
describe('groups, group size and duration', () => {
  const present = (person: string, service: string, group: string | null, role = 'PARTICIPANT') => ({ person, role, services: [service], group });
  const day: SessionFacts[] = [
    {
      session: 'w1',
      day: '2023-04-01',
      initiative: 'N',
      host: 'hN',
      hours: 6,
      present: [
        present('a', 'sA', 'T1'),
        present('b', 'sB', 'T1'),
        present('c', 'sC', 'T1'),
        present('d', 'sD', 'T2'),
        present('e', 'sE', 'T2'),
        present('f', 'sF', null),
        present('g', 'sG', null),
        present('h', 'sA', null),
      ],
    },
    { session: 'w2', day: '2023-04-02', initiative: 'R', host: 'sH', hours: 1.5, present: ['a', 'b', 'd', 'e'].map((p) => present(p, `s${p.toUpperCase()}`, 'V1', 'VISITOR')) },
    { session: 'w3', day: '2023-04-03', initiative: 'V', host: 'sA', hours: 9, present: [present('b', 'sB', null, 'VISITOR')] },
  ];
  const { met, knows } = computeTies(day);
  const metOf = (a: string, b: string) => met.get(`${a}|${b}`);
  const knowsOf = (a: string, b: string) => knows.get(`${a}|${b}`);

  it('the duration factor: hours / 3 between half an hour and six hours; no end is a 3-hour meeting', () => {
    expect([durationFactor(3), durationFactor(1.5), durationFactor(8), durationFactor(0.1), durationFactor(null)]).toEqual([1, 0.5, 2, 0.5 / 3, 1]);
  });

  it('co-presence counts inside a group only: 1/(n − 1) × duration per meeting', () => {
    expect(metOf('a', 'b')).toMatchObject({ count: 2, weight: 2 / 2 + 0.5 / 3 }); // T1 (n = 3, 6 h): 1; visit group (n = 4, 1.5 h): 1/6
    expect(metOf('d', 'e')).toMatchObject({ count: 2, weight: 2 / 1 + 0.5 / 3 }); // T2 (n = 2): 2; visit group: 1/6
    expect(metOf('f', 'g')).toMatchObject({ count: 1, weight: 2 / 2 }); // the three without a group (f, g, h): n = 3
    expect(metOf('a', 'd')).toMatchObject({ count: 1, weight: 0.5 / 3 }); // different tables at w1: only the visit group
    expect(metOf('a', 'f')).toBeUndefined(); // a table and the ungrouped: never together
    expect(met.size).toBe(3 + 1 + 3 + 6 - 2); // T1 3, T2 1, ungrouped 3, visit group 6 pairs of which a–b and d–e already counted
  });

  it('a visit weighs the duration factor alone, whatever the visit group; the visitors meet each other at group weight', () => {
    // sB–sH: b's 1.5 h visit to host sH = 0.5. sA–sB: T1 (a, b) 1 + visit group (a, b) 1/6 + b's immersion day at sA 2.
    expect(knowsOf('sB', 'sH')).toMatchObject({ strength: 1, visits: 1, weight: 0.5 });
    expect(knowsOf('sA', 'sB')).toMatchObject({ strength: 3, visits: 1, meetings: 3 });
    expect(knowsOf('sA', 'sB')!.weight).toBeCloseTo(1 + 2 + 0.5 / 3, 12); // 19/6
    // sA–sF: h (sA, ungrouped) with f (ungrouped): 2/2 = 1; a (sA, T1) never met f.
    expect(knowsOf('sA', 'sF')).toMatchObject({ strength: 1, weight: 1, peopleA: ['h'], peopleB: ['f'] });
  });

  it('upkeep and rebuild sum in the same order: any order of facts gives the same floats', () => {
    const again = computeTies([...day].reverse().map((f) => ({ ...f, present: [...f.present].reverse() })));
    expect([...again.knows.values()].sort(byPair)).toEqual([...knows.values()].sort(byPair));
    expect([...again.met.values()].sort(byPair)).toEqual([...met.values()].sort(byPair));
  });
});

describe('tieChanges: what a rebuild rewrites in one block', () => {
  const tie = (a: string, b: string, signature: number) => ({ a, b, signature });

  it('keeps a tie stored once with its signature; writes a missing or differing one; deletes what nothing implies', () => {
    const computed = [tie('p', 'q', 1), tie('p', 'r', 2), tie('q', 'r', 3), tie('q', 's', 4), tie('r', 's', 5)];
    const { write, stale, deleted } = tieChanges(computed, [
      {
        a: 'p',
        ties: [
          ['q', 1],
          ['r', 9],
          ['t', 7],
        ],
      }, // p–q kept; p–r differs; p–t implied by nothing
      {
        a: 'q',
        ties: [
          ['s', 4],
          ['s', 4],
          ['r', null],
        ],
      }, // q–s stored twice; q–r stored before signatures
      { a: 's', ties: [['r', 5]] }, // r–s stored from its higher end
    ]);
    // written: p–r, q–r, q–s, r–s (4 of 5); p–q stays
    expect(write.map((t) => `${t.a}-${t.b}`)).toEqual(['p-r', 'q-r', 'q-s', 'r-s']);
    expect(stale).toEqual([
      { a: 'p', bs: ['r', 't'], all: false, ties: 2 },
      { a: 'q', bs: [], all: true, ties: 3 }, // every tie stored from q: no list to search
      { a: 's', bs: [], all: true, ties: 1 },
    ]);
    expect(deleted).toBe(6); // p–r, p–t, q–s twice, q–r, s–r
  });

  it('nothing to do when every stored tie is what is computed', () => {
    expect(tieChanges([tie('p', 'q', 1)], [{ a: 'p', ties: [['q', 1]] }])).toEqual({ write: [], stale: [], deleted: 0 });
  });

  it('the signature changes with any property, and not with the object it is read from', () => {
    const { met, knows } = computeTies(facts);
    const uv = met.get('u|v')!;
    expect(tieSignature({ ...uv })).toBe(tieSignature(uv));
    expect(Number.isSafeInteger(tieSignature(uv))).toBe(true);
    expect(tieSignature({ ...uv, count: uv.count + 1 })).not.toBe(tieSignature(uv));
    const tieAB = knows.get('hA|hB')!;
    expect(tieSignature({ ...tieAB, encounterPeopleB: tieAB.encounterPeopleB.map(() => 'x') })).not.toBe(tieSignature(tieAB));
  });
});
