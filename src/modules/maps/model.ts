/** Row shapes of the maps module: what the resolvers of schema/maps.graphql receive. */
import type { QuartierMapRow } from '../exports/map';
import type { Filtered } from '../network/model';

export type QuartierFiguresRow = QuartierMapRow;

export interface QuartierMapResult extends Filtered {
  quartiers: QuartierFiguresRow[];
}
