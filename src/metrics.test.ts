/** The per-operation histograms /metrics serves, in Prometheus text. */
import { OperationHistogram } from './metrics';

it('counts observations into cumulative buckets, with sum and count, per operation and outcome', () => {
  const h = new OperationHistogram('t_seconds', 'test', ['ok', 'error'], [1, 5]);
  const [ok, error] = h.of('Detail');
  for (const v of [0.5, 1, 3, 7]) ok?.observe(v); // ≤ 1: 0.5 and 1 (2); ≤ 5: and 3 (3); all: 4; sum 11.5
  error?.observe(2);
  expect(h.of('Detail')[0]).toBe(ok); // found again, not made again
  expect(h.render().split('\n')).toEqual([
    '# HELP t_seconds test',
    '# TYPE t_seconds histogram',
    't_seconds_bucket{operation="Detail",outcome="ok",le="1"} 2',
    't_seconds_bucket{operation="Detail",outcome="ok",le="5"} 3',
    't_seconds_bucket{operation="Detail",outcome="ok",le="+Inf"} 4',
    't_seconds_sum{operation="Detail",outcome="ok"} 11.5',
    't_seconds_count{operation="Detail",outcome="ok"} 4',
    't_seconds_bucket{operation="Detail",outcome="error",le="1"} 0',
    't_seconds_bucket{operation="Detail",outcome="error",le="5"} 1',
    't_seconds_bucket{operation="Detail",outcome="error",le="+Inf"} 1',
    't_seconds_sum{operation="Detail",outcome="error"} 2',
    't_seconds_count{operation="Detail",outcome="error"} 1',
    '',
  ]);
});

it('escapes operation names and bounds how many it keeps (clients choose them)', () => {
  const h = new OperationHistogram('t_trips', 'test', [], [0]);
  h.of('a"b\\c\nd')[0]?.observe(0);
  expect(h.render()).toContain('t_trips_count{operation="a\\"b\\\\c\\nd"} 1');
  for (let i = 0; i < 1_200; i++) h.of(`Op${i}`)[0]?.observe(1);
  const names = new Set([...h.render().matchAll(/operation="([^"]*)"/g)].map((m) => m[1]));
  expect(names.size).toBe(1_001); // 1,000 names kept (the escaped one and Op0 … Op998), then "(other)"
  expect(h.render()).toContain('t_trips_count{operation="(other)"} 201'); // Op999 … Op1199
});
