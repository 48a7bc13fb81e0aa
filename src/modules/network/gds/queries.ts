/**
 * Named Cypher of the Graph Data Science path (engine.ts). Written against GDS 2.5 or later: the
 * first release with both the `gds.graph.project` aggregation function (Cypher projection) and
 * `gds.leiden.stream` out of beta; GDS 2.13 is the line for Neo4j 5.26.
 *
 * Every procedure here is declared `mode = READ` by GDS (gds.version, gds.graph.drop,
 * gds.graph.list, the algorithms' stream modes), and the projection function reads nothing from the
 * database: the whole path runs in READ sessions, so it also leaves the graph version as it is.
 */
import { cypher } from '../../../neo4j/driver';

/** The installed library's version; the procedure is missing (ProcedureNotFound) where GDS is not installed. */
export const GDS_VERSION = cypher('gds.version', 'CALL gds.version() YIELD gdsVersion RETURN gdsVersion');

/**
 * The API's own filtered graph (tie filter, window, backbone applied) as an in-memory GDS graph,
 * projected from the rows passed in rather than from stored nodes, so GDS computes on exactly the
 * graph the built-in path would. Nodes are row indices: GDS takes plain integers as node ids and
 * streams them back unchanged. Each tie comes once and is made undirected; a row without a target
 * projects a service with no tie. JavaScript numbers arrive as floats, and GDS takes only integers
 * or nodes as ids: hence `toInteger` (which leaves a null target null).
 */
export const PROJECT = cypher(
  'gds.project',
  `UNWIND $rows AS row
   WITH gds.graph.project($graphName, toInteger(row.source), toInteger(row.target), {relationshipProperties: {weight: row.weight}}, {undirectedRelationshipTypes: ['*']}) AS g
   RETURN g.graphName AS graphName, g.nodeCount AS nodeCount, g.relationshipCount AS relationshipCount`,
);

/** Raw scores: on an undirected graph each unordered pair counts once (GDS divides by 2). */
export const BETWEENNESS = cypher('gds.betweenness', 'CALL gds.betweenness.stream($graphName, $config) YIELD nodeId, score RETURN nodeId, score');

export const LOUVAIN = cypher('gds.louvain', 'CALL gds.louvain.stream($graphName, $config) YIELD nodeId, communityId RETURN nodeId, communityId AS groupId');

export const LEIDEN = cypher('gds.leiden', 'CALL gds.leiden.stream($graphName, $config) YIELD nodeId, communityId RETURN nodeId, communityId AS groupId');

export const WCC = cypher('gds.wcc', 'CALL gds.wcc.stream($graphName, $config) YIELD nodeId, componentId RETURN nodeId, componentId AS groupId');

/** `false`: no error when the graph is already gone (a retried attempt, a second clean-up). */
export const DROP = cypher('gds.drop', 'CALL gds.graph.drop($graphName, false) YIELD graphName RETURN graphName');

/** Graphs in the catalog (of the current user): what tests and operators check for leaks. */
export const LIST = cypher('gds.list', 'CALL gds.graph.list() YIELD graphName RETURN graphName');
