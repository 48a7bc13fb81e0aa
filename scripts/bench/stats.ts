/** Summaries of timings, shared by the harness and the writers' rows. */

/** The p-th percentile (nearest rank) of the samples; 0 with none. */
export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
