/** Every ID argument and ID input field of the schema is declared, so that each takes global and source ids alike. */
import { buildRawSchema } from '../../schema';
import { ID_ARGUMENTS, idCoordinates } from './id-arguments';

it('declares the type behind every ID argument and ID input field of the schema, and nothing else', () => {
  const inSchema = idCoordinates(buildRawSchema());
  // A new ID argument needs its type in ID_ARGUMENTS (modules/common/id-arguments.ts).
  expect(inSchema.filter((c) => !(c in ID_ARGUMENTS))).toEqual([]);
  expect(Object.keys(ID_ARGUMENTS).filter((c) => !inSchema.includes(c))).toEqual([]);
});
