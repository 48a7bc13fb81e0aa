/** Which editions the impact panel shows: pure, so the bench's dashboard load picks the same ones. */

/** The impact panel shows the latest three editions. */
export const LATEST_EDITIONS = 3;

/** The editions started by `today`, the latest to end first, the first LATEST_EDITIONS of them. */
export function latestEditions<E extends { startsOn: string; endsOn: string }>(initiatives: ReadonlyArray<{ editions: readonly E[] }>, today: string): E[] {
  return initiatives
    .flatMap((i) => i.editions)
    .filter((e) => e.startsOn <= today)
    .sort((x, y) => (x.endsOn < y.endsOn ? 1 : x.endsOn > y.endsOn ? -1 : 0))
    .slice(0, LATEST_EDITIONS);
}
