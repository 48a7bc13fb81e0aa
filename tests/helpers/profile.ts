/** PROFILE a named query and list the plan's operators, to check it stays territory-local. */
import type { NamedQuery } from '../../src/neo4j/driver';
import type { Db } from '../../src/neo4j/driver';

interface PlanNode {
  operatorType: string;
  arguments: Record<string, unknown>;
  children: PlanNode[];
}

export async function profileOperators(db: Db, query: NamedQuery, params: Record<string, unknown>): Promise<string[]> {
  const session = db.driver.session();
  try {
    const result = await session.run(`PROFILE ${query.text}`, params);
    const ops: string[] = [];
    const walk = (n: PlanNode) => {
      ops.push(`${n.operatorType.replace(/@.*$/, '')}${n.arguments.Details ? ` ${String(n.arguments.Details)}` : ''}`);
      n.children.forEach(walk);
    };
    walk(result.summary.profile as unknown as PlanNode);
    return ops;
  } finally {
    await session.close();
  }
}
