/**
 * `networkChange` through the analytics cache (modules/network/analytics-cache.ts): the series is one
 * answer per graph version, so asking again reads only the territory and the graph version.
 * (tests/integration/network-change.test.ts counts a first ask without the cache.)
 */
import { useTiedFixture } from '../helpers/api';

process.env.ANALYTICS_CACHE_MB = '64';
const { api } = useTiedFixture('network-change');
const Q = '{ networkChange(territory: { zone: "SUD" }) { years { year ties } } }';

it('the territory (1) + the graph version (1) + services (1) + every year in one read (1) the first time; the territory and the version after', async () => {
  const first = await api().run<{ networkChange: { years: Array<{ ties: number }> } }>(Q);
  expect(first.errors).toBeUndefined();
  expect(first.data?.networkChange.years.map((y) => y.ties)).toEqual([3, 6, 3, 2]);
  expect(first.roundTrips).toBe(4);
  const again = await api().run(Q);
  expect(again.data).toEqual(first.data);
  expect(again.roundTrips).toBe(2);
});
