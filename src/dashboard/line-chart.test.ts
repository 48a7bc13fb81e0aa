/** The change chart's geometry, counted by hand (no browser needed). */
import { CHART, chartGeometry, niceTicks } from './line-chart';

it('rounds the axis up to 1, 2 or 5 times a power of ten, in whole counts', () => {
  expect(niceTicks(11)).toEqual([0, 5, 10, 15]); // 11 / 4 = 2.75 → step 5
  expect(niceTicks(3)).toEqual([0, 1, 2, 3]); // 3 / 4 = 0.75 → step 1 (counts are whole)
  expect(niceTicks(40)).toEqual([0, 10, 20, 30, 40]); // 40 / 4 = 10 → step 10
  expect(niceTicks(0)).toEqual([0, 1]); // nothing to show: an axis all the same
});

it('places years evenly, values from the bottom, and breaks a line where a year has no figure', () => {
  // Plot area: x from 40 to 504 (520 − 16), y from 30 (top) to 194 (220 − 26); ticks 0, 5, 10, 15.
  const g = chartGeometry({
    years: [2021, 2022, 2023],
    series: [
      { key: 'ties', label: 'ties', colour: '#000', values: [3, 6, 11] },
      { key: 'new', label: 'new', colour: '#0a0', values: [null, 4, 1] },
    ],
  });
  expect(CHART).toMatchObject({ width: 520, height: 220, left: 40, right: 16, top: 30, bottom: 26 });
  expect(g.xs).toEqual([40, 272, 504]); // 40 + 464 × 0, ½, 1
  expect(g.ticks.map((t) => [t.value, t.y])).toEqual([
    [0, 194],
    [5, 139.3], // 194 − 164 × 5/15
    [10, 84.7],
    [15, 30],
  ]);
  // 3 → 194 − 164 × 3/15 = 161.2; 6 → 128.4; 11 → 73.7
  expect(g.lines[0]!.path).toBe('M40,161.2 L272,128.4 L504,73.7');
  // The first year has no "new" figure: the line starts at the second. 4 → 194 − 164 × 4/15 = 150.3; 1 → 183.1
  expect(g.lines[1]!.points[0]).toBeNull();
  expect(g.lines[1]!.path).toBe('M272,150.3 L504,183.1');
  // A gap inside the series lifts the pen: 2021 and 2023 are two separate dots, no line across 2022.
  const gap = chartGeometry({ years: [2021, 2022, 2023], series: [{ key: 'x', label: 'x', colour: '#000', values: [15, null, 0] }] });
  expect(gap.lines[0]!.path).toBe('M40,30 M504,194');
});

it('puts a single year in the middle', () => {
  const g = chartGeometry({ years: [2023], series: [{ key: 'ties', label: 'ties', colour: '#000', values: [2] }] });
  expect(g.xs).toEqual([272]);
  expect(g.lines[0]!.path).toBe('M272,30'); // the axis tops out at the value itself: 0, 1, 2
});
