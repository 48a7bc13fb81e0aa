/** One colour per sector, stable everywhere a map is drawn (exports, SVG legend, zone dashboard). Browser-safe. */
export const SECTOR_COLOURS: Record<string, [number, number, number]> = {
  MENTAL_HEALTH: [31, 119, 180],
  DISABILITY: [255, 127, 14],
  HOMELESSNESS: [44, 160, 44],
  ADDICTION: [214, 39, 40],
  YOUTH: [148, 103, 189],
  GENERAL_SOCIAL_WORK: [140, 86, 75],
  PRIMARY_CARE: [227, 119, 194],
  FAMILY_PLANNING: [127, 127, 127],
  HOME_HELP: [188, 189, 34],
  HOUSING: [23, 190, 207],
  PALLIATIVE: [57, 59, 121],
  ELDERLY_DEMENTIA: [99, 121, 57],
  POLICE_ADMIN: [140, 109, 49],
};
export const colourOf = (sector: string): [number, number, number] => SECTOR_COLOURS[sector] ?? [100, 100, 100];
