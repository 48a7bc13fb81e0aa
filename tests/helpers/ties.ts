/** A comparable snapshot of the derived ties (MET, KNOWS), for incremental == rebuilt checks. */
import { cypher, type Db } from '../../src/neo4j/driver';

const SNAPSHOT = cypher(
  'test.tieSnapshot',
  `CALL { MATCH (a:Person)-[m:MET]->(b:Person)
          RETURN 'MET ' + a.id + '-' + b.id + ' ' + toString(m.count) + ' ' + toString(m.firstAt) + '..' + toString(m.lastAt) + ' ' + reduce(x = '', i IN m.initiatives | x + i + ',') + ' w' + toString(m.weight) AS tie
          UNION ALL
          MATCH (a:Service)-[k:KNOWS]->(b:Service)
          RETURN 'KNOWS ' + a.id + '-' + b.id + ' s' + toString(k.strength) + ' v' + toString(k.visits) + ' ' + toString(k.firstAt) + '..' + toString(k.lastAt)
                 + ' [' + reduce(x = '', d IN k.dates | x + toString(d) + ',') + '] ' + reduce(x = '', i IN k.initiatives | x + i + ',')
                 + ' A:' + reduce(x = '', p IN k.peopleA | x + p + ',') + ' B:' + reduce(x = '', p IN k.peopleB | x + p + ',')
                 + ' enc:' + reduce(x = '', i IN range(0, size(k.dates) - 1) | x + toString(k.dates[i]) + '/' + k.via[i] + '/' + k.encounterPeopleA[i] + '/' + k.encounterPeopleB[i] + '/' + toString(k.weights[i]) + '/' + k.kinds[i] + ';')
                 + ' w' + toString(k.weight) + ' m' + toString(k.meetings) AS tie }
   RETURN tie ORDER BY tie`,
);

export async function tieSnapshot(db: Db): Promise<string[]> {
  return (await db.read<{ tie: string }>(SNAPSHOT)).map((r) => r.tie);
}
