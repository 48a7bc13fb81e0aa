/**
 * How operations are executed: each operation document is compiled once by graphql-jit into plain
 * JavaScript for our schema, then run per request. graphql-js interprets the document on every
 * request, allocating a resolve-info object and a path per field; on a directory page of 50 services
 * that was 0.35 ms of CPU and most of the garbage collection our API added over raw Cypher.
 *
 * Apollo Server takes a custom executor only through its gateway interface, so this is a "gateway"
 * of one schema that never changes: Apollo still parses, validates (our depth, cost and alias limits)
 * and caches documents, runs the plugins and formats errors; only execution is ours.
 */
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { getVariableValues, GraphQLError, printSchema, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

type Compiled = CompiledQuery | ExecutionResult;

/**
 * graphql-jit's own errors (a non-null field answering null, say) have no `extensions`, which
 * Apollo's error formatting reads: such an error was answered as a bare "Internal server error"
 * without its path. They are given graphql-js's form, path and locations kept.
 */
function withExtensions(error: GraphQLError): GraphQLError {
  // Typed as always there, but graphql-jit's errors come without it.
  if ((error as Partial<Pick<GraphQLError, 'extensions'>>).extensions) return error;
  return Object.assign(new GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? undefined }), { locations: error.locations });
}

/**
 * @param schema the schema Apollo validates against and serves.
 * @param executionSchema the schema to run a request's operation on (same types, its resolvers
 *   chosen for the request's context: the caller's role, in server.ts); `schema` when not given.
 */
export function compiledExecution(schema: GraphQLSchema, executionSchema: (context: object) => GraphQLSchema = () => schema): GatewayInterface {
  // Apollo keeps one parsed document per distinct query text (its document store), so a document
  // is compiled on its first request (per execution schema); a document evicted from that store is
  // collected with its code.
  const compiled = new WeakMap<DocumentNode, Map<GraphQLSchema, Map<string | null, Compiled>>>();
  const compile = (target: GraphQLSchema, document: DocumentNode, operationName: string | null): Compiled => {
    let bySchema = compiled.get(document);
    if (!bySchema) compiled.set(document, (bySchema = new Map<GraphQLSchema, Map<string | null, Compiled>>()));
    let byName = bySchema.get(target);
    if (!byName) bySchema.set(target, (byName = new Map<string | null, Compiled>()));
    let query = byName.get(operationName);
    if (!query) byName.set(operationName, (query = compileQuery(target, document, operationName ?? undefined)));
    return query;
  };

  const executor: GatewayExecutor = async ({ document, operation, operationName, request, context }) => {
    const query = compile(executionSchema(context), document, operationName);
    if (!isCompiledQuery(query)) return query;
    const variables = request.variables ?? {};
    const result = await query.query(undefined, context, variables);
    if (!('data' in result)) {
      // The compiled query refused its variables (it answers errors only). graphql-js says why, with
      // the variable's node, so Apollo answers as it always has: BAD_USER_INPUT, HTTP 400 (graphql-jit's
      // own errors lack the node). Checked only then: coercing every request twice cost ~5 µs.
      const checked = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 50 });
      return { errors: checked.errors ?? (result.errors ?? []).map(withExtensions) };
    }
    return (result.errors ? { ...result, errors: result.errors.map(withExtensions) } : result) as ExecutionResult<Record<string, unknown>>;
  };

  let loaded: ((schemaContext: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }) => void) | undefined;
  return {
    onSchemaLoadOrUpdate(callback) {
      loaded = callback;
      return () => (loaded = undefined);
    },
    async load() {
      if (!loaded) throw new Error('compiledExecution: Apollo did not subscribe to the schema');
      loaded({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return { executor };
    },
    async stop() {},
  };
}
