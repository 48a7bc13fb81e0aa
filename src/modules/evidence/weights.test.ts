/** The weights of survey answers, referrals and agreements, and the encounters they make, counted by hand. */
import { evidenceEncounters } from './ties';
import { AGREEMENT_WEIGHT, DECLARED_WEIGHT, parsePeriod, referralWeight } from './weights';

describe('weights', () => {
  it('a survey answer weighs its frequency, in steps of 0.25; a referral 0.25 a client; an agreement 1', () => {
    expect(Object.values(DECLARED_WEIGHT)).toEqual([0.25, 0.5, 0.75, 1, 1.25]); // yearly … daily
    expect(referralWeight(6)).toBe(1.5); // 6 × 0.25
    expect(referralWeight(12)).toBe(referralWeight(1) * 12); // a year's count weighs its twelve months
    expect(AGREEMENT_WEIGHT).toBe(1);
  });

  it('periods: a year, a quarter or a month, with their last day', () => {
    expect(parsePeriod('2024')).toEqual({ start: '2024-01-01', end: '2024-12-31' });
    expect(parsePeriod('2024-Q1')).toEqual({ start: '2024-01-01', end: '2024-03-31' });
    expect(parsePeriod('2023-Q4')).toEqual({ start: '2023-10-01', end: '2023-12-31' });
    expect(parsePeriod('2023-02')).toEqual({ start: '2023-02-01', end: '2023-02-28' });
    expect(parsePeriod('2024-02')).toEqual({ start: '2024-02-01', end: '2024-02-29' }); // leap year
    for (const bad of ['2024-13', '2024-00', '2024-Q0', '2024-Q5', '24', '2024-1', '2024Q1', '']) expect(parsePeriod(bad)).toBeNull();
  });
});

describe('evidenceEncounters', () => {
  it('one encounter per service the person worked at that day, none with a service itself', () => {
    const encounters = evidenceEncounters({
      // p worked at sA and sB on the day (two jobs): 2 encounters with sC; the one naming sB from sB makes none.
      declarations: [
        { person: 'p', service: 'sC', day: '2024-03-01', frequency: 'WEEKLY', services: ['sA', 'sB'] },
        { person: 'p', service: 'sB', day: '2024-03-01', frequency: 'DAILY', services: ['sB'] },
      ],
      referrals: [
        { from: 'sC', to: 'sA', day: '2024-01-01', count: 3 },
        { from: 'sA', to: 'sA', day: '2024-01-01', count: 9 },
      ],
      agreements: [{ a: 'sA', b: 'sD', day: '2022-06-01' }],
    });
    expect(encounters).toEqual([
      { s1: 'sA', s2: 'sC', p1: 'p', p2: '', day: '2024-03-01', kind: 'DECLARED', weight: 1 },
      { s1: 'sB', s2: 'sC', p1: 'p', p2: '', day: '2024-03-01', kind: 'DECLARED', weight: 1 },
      { s1: 'sC', s2: 'sA', p1: '', p2: '', day: '2024-01-01', kind: 'REFERRAL', weight: 0.75 }, // 3 × 0.25
      { s1: 'sA', s2: 'sD', p1: '', p2: '', day: '2022-06-01', kind: 'AGREEMENT', weight: 1 },
    ]);
  });
});
