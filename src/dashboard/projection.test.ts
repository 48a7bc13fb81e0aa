/** The map's projection, scale bar and choropleth classes, counted by hand. */
import { classify, classOf, colourFor, NO_DATA } from './classes';
import { bboxOf, fitProjection, scaleBar } from './projection';

it('fits a box into the frame, north up, and keeps ground distances', () => {
  // 0.01° of latitude is 1,111.95 m on the mean sphere; 0.01° of longitude at 50.85° is 0.6313 of that.
  const bbox = bboxOf([
    [4.3, 50.84],
    [4.32, 50.86],
  ])!;
  expect(bbox).toEqual([4.3, 50.84, 4.32, 50.86]);
  const p = fitProjection(bbox, 400, 400, 0);
  const [x0, y0] = p.project([4.3, 50.84]);
  const [x1, y1] = p.project([4.32, 50.86]);
  expect(y1).toBeCloseTo(0, 6); // north edge at the top
  expect(y0).toBeCloseTo(400, 6); // 0.02° of latitude fills the height
  expect((x1 - x0) / (y0 - y1)).toBeCloseTo(Math.cos((50.85 * Math.PI) / 180), 6);
  expect(p.metresPerPixel).toBeCloseTo(2223.9 / 400, 1);
});

it('picks a round scale bar no longer than asked', () => {
  expect(scaleBar(10, 120)).toEqual({ metres: 1000, pixels: 100, label: '1 km' }); // 1,200 m at most → 1 km
  expect(scaleBar(4, 120)).toEqual({ metres: 200, pixels: 50, label: '200 m' }); // 480 m at most → 200 m
  expect(scaleBar(30, 120).label).toBe('2 km'); // 3,600 m at most
});

it('classes: quantiles of the values, fixed fifths of shares, no data for null', () => {
  // Quantiles of 0…8 at 20 % steps: 1.6, 3.2, 4.8, 6.4, rounded for counts to 2, 3, 5, 6.
  const q = classify([0, 1, 2, 3, 4, 5, 6, 7, 8, null], 'quantile');
  expect(q.breaks).toEqual([0, 2, 3, 5, 6, 8]);
  expect([classOf(q, 0), classOf(q, 2), classOf(q, 8), classOf(q, null)]).toEqual([0, 1, 4, null]);
  expect(classify([0.5, 1.25, 2], 'quantile').breaks).toEqual([0.5, 0.8, 1.1, 1.4, 1.7, 2]);
  expect(colourFor(q, null)).toBe(NO_DATA);
  // Repeated values merge classes: in 0, 0, 0, 5 the 20–60 % quantiles are 0, the 80 % one is
  // 0 + 0.4 × 5 = 2 (position 2.4 of 0–3): breaks 0, 2, 5, two classes.
  const few = classify([0, 0, 0, 5], 'quantile');
  expect(few.breaks).toEqual([0, 2, 5]);
  expect(few.colours.length).toBe(2);
  expect(classify([0.5], 'share').breaks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  expect(classOf(classify([], 'diverging'), -1)).toBe(0);
});
