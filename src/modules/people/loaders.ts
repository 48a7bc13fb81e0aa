/** Per-request DataLoaders of the people module. */
import type DataLoader from 'dataloader';
import type { Db } from '../../neo4j/driver';
import { manyLoader, oneLoader, plainRow, rowOf } from '../common/loader';
import type { EmploymentRow, PersonRow } from './model';
import * as q from './queries';

const person = rowOf<PersonRow>('Person');
const employment = (asOf: string) => {
  const typed = plainRow<Omit<EmploymentRow, 'asOf'>>();
  return (r: Parameters<typeof typed>[0]): EmploymentRow => ({ ...typed(r), asOf });
};

export function createPeopleLoaders(db: Db, today: string) {
  const staffByDate = new Map<string, DataLoader<string, EmploymentRow[]>>();
  const staffCountByDate = new Map<string, DataLoader<string, number | null>>();
  return {
    person: oneLoader(db, q.personsById, person),
    employmentsOfPerson: manyLoader(db, q.employmentsOfPerson, employment(today)),
    /** Staff of services on `asOf`: one loader per date, so a page of services on one date is one query. */
    staffOfService(asOf: string): DataLoader<string, EmploymentRow[]> {
      let loader = staffByDate.get(asOf);
      if (!loader) {
        loader = manyLoader(db, q.staffOfService, employment(asOf), { asOf });
        staffByDate.set(asOf, loader);
      }
      return loader;
    },
    staffCountOfService(asOf: string): DataLoader<string, number | null> {
      let loader = staffCountByDate.get(asOf);
      if (!loader) {
        loader = oneLoader(db, q.staffCountOfService, (r) => Number(r.n ?? 0), { asOf });
        staffCountByDate.set(asOf, loader);
      }
      return loader;
    },
  };
}

export type PeopleLoaders = ReturnType<typeof createPeopleLoaders>;
