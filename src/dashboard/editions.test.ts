/** The impact panel's editions. */
import { latestEditions } from './editions';

it('keeps editions started by today, the latest to end first, three of them', () => {
  const e = (id: string, startsOn: string, endsOn: string) => ({ id, startsOn, endsOn });
  const initiatives = [
    { editions: [e('a', '2024-01-01', '2024-06-30'), e('future', '2027-01-01', '2027-06-30')] },
    { editions: [e('b', '2025-01-01', '2025-12-31'), e('c', '2023-01-01', '2023-12-31'), e('d', '2026-01-01', '2026-12-31')] },
  ];
  // started by 2026-12-07: a, b, c, d (not future); by end, latest first: d, b, a, c → the first three
  expect(latestEditions(initiatives, '2026-12-07').map((x) => x.id)).toEqual(['d', 'b', 'a']);
});
