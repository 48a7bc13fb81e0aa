/**
 * The pure half of the derived ties: what a list of session facts implies (no database).
 *
 *   x1 2023-01-10 (initiative I, host hA): u PRESENT at hA; v PRESENT at hB and hC (two jobs); w PRESENT, no job
 *   x2 2023-02-10 (initiative J, host hA): v VISITOR at hB and hC; u PRESENT at hA (the host's own staff)
 */
import { computeTies, type SessionFacts } from './ties';
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
    expect([...met.values()].map((m) => [m.a, m.b, m.count, m.firstAt, m.lastAt, m.initiatives.join()])).toEqual([
      ['u', 'v', 2, '2023-01-10', '2023-02-10', 'I,J'],
      ['u', 'w', 1, '2023-01-10', '2023-01-10', 'I'],
      ['v', 'w', 1, '2023-01-10', '2023-01-10', 'I'],
    ]);
  });

  it('KNOWS: v counts for both its services; at x2, co-presence with u plus the visit to host hA', () => {
    // hA–hB: x1 (u,v), x2 (u,v), x2 visit v → hA: strength 3, 1 visit. Same for hA–hC. No hB–hC: one person is no tie.
    expect([...knows.keys()].sort()).toEqual(['hA|hB', 'hA|hC']);
    const ab = knows.get('hA|hB')!;
    expect(ab).toMatchObject({ strength: 3, visits: 1, firstAt: '2023-01-10', lastAt: '2023-02-10', initiatives: ['I', 'J'], peopleA: ['u'], peopleB: ['v'], breadthA: 1, breadthB: 1 });
    expect(ab.dates).toEqual(['2023-01-10', '2023-02-10', '2023-02-10']);
    expect(ab.encounterPeopleA).toEqual(['u', '', 'u']); // sorted by day, initiative, then people: the visit ('' on the host side) first
    expect(ab.encounterPeopleB).toEqual(['v', 'v', 'v']);
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
    const row = { a: 'hA', b: 'hB', dates: ['2023-02-10', '2023-02-10'], via: ['J', 'J'], encounterPeopleA: ['', 'u'], encounterPeopleB: ['v', 'v'] };
    expect(fromWindow(row)).toEqual({ a: 'hA', b: 'hB', strength: 2, visits: 1, firstMet: '2023-02-10', lastMet: '2023-02-10', initiatives: ['J'], peopleA: ['u'], peopleB: ['v'], breadthA: 1, breadthB: 1 });
  });
});
