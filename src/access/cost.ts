/**
 * What an operation may cost, worked out from its document and its variables before anything runs.
 *
 * Every field that returns an object costs 1 per object it can return; scalars and enums cost
 * nothing of their own (they come with the object's row). A list multiplies everything below it by
 * how long it can be: a page by its `first` (a literal, a variable's value, the argument's default,
 * else DEFAULT_PAGE_SIZE; the `nodes` and `edges` of a connection by the `first` of the connection),
 * any other list by its real maximum, declared once in LIST_SIZES below. The network questions add
 * the weight of their computation (ANALYTICS_WEIGHTS) once per call.
 *
 * Fragments, named or inline, are expanded where they are spread (each fragment is costed once per
 * type and page, so fragments that spread each other many times cannot make the estimate slow).
 * `@skip`/`@include` are not evaluated: a field counts as if it were asked for, which can only
 * overestimate. Introspection (`__schema`, `__type`) is counted exactly over the schema itself,
 * whose size is known, so GraphiQL's schema query passes and a deeply nested one does not.
 */
import {
  GraphQLError,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  OperationTypeNode,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLDirective,
  type GraphQLEnumValue,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLArgument,
  type GraphQLSchema,
  type GraphQLType,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * How long a list can be.
 *  - `max`: a list without paging, at most this long. The figure is the real bound where the domain
 *    has one (13 sectors, 19 municipalities, capacities), otherwise the largest generated scale (L:
 *    ten regions of S) with headroom. The per-request row budget (MAX_ROWS_PER_REQUEST) stops an
 *    execution if data ever outgrows a figure here.
 *  - `page: 'own'`: the field's own `first` argument; `page: 'parent'`: the `first` of the field
 *    that returned the object holding this list (a connection's `nodes` and `edges`). `factor` when
 *    one call returns several lists of `first` (recommendations: hosts, zones and sector mixes).
 */
export type ListSize = { max: number } | { page: 'own' | 'parent'; factor?: number };

/** Every list field of the schema. src/access/cost.test.ts fails when a list field is missing. */
export const LIST_SIZES: Readonly<Record<string, ListSize>> = {
  // Territory. Brussels has 5 care zones and 19 municipalities; scale L has ten regions.
  'Query.zones': { max: 50 },
  'Query.municipalities': { max: 200 },
  // Both grids of a region (145 monitoring units, about as many social-health quartiers), ten regions.
  'Query.neighbourhoods': { max: 3000 },
  'Region.zones': { max: 10 },
  'Region.municipalities': { max: 25 },
  'Zone.municipalities': { max: 25 },
  'Zone.neighbourhoods': { max: 300 },
  'Municipality.zones': { max: 10 },
  'Municipality.neighbourhoods': { max: 300 },
  // Geography and cold data. A quartier touches at most 4 municipalities (48 touch more than one);
  // it holds at most a few tens of statistical sectors (2024 and 2025 tables together); a unit has a
  // value per indicator and year (the demo: 1–4 per unit; imports add more).
  'Geometry.bbox': { max: 4 },
  'Neighbourhood.municipalities': { max: 10 },
  'Neighbourhood.statisticalSectors': { max: 100 },
  'Neighbourhood.indicators': { max: 500 },
  'Municipality.indicators': { max: 500 },
  'StatisticalSector.indicators': { max: 500 },
  'StatisticalSector.years': { max: 20 },
  'Zone.indicators': { max: 500 },
  'Region.indicators': { max: 500 },

  // Directory. 13 sectors (seed/brussels.ts); a CPAS/OCMW runs tens of services (S: 52 at most).
  'Query.sectors': { max: 30 },
  'Service.sectors': { max: 30 },
  'Organisation.services': { max: 100 },
  // People working at one service on one day (S: 17 over all time).
  'Service.staff': { max: 200 },
  'ServiceConnection.nodes': { page: 'parent' },
  'ServiceConnection.edges': { page: 'parent' },
  'OrganisationConnection.nodes': { page: 'parent' },
  'OrganisationConnection.edges': { page: 'parent' },

  // Initiatives. S has 6 initiatives per region (L: 60), 380 editions in its largest (the local
  // events), 629 sessions in its largest edition (a Rézoneweek of every host of the area).
  'Query.initiatives': { max: 100 },
  'Initiative.covers': { max: 25 },
  'Initiative.editions': { max: 400 },
  'Edition.sessions': { max: 1000 },
  // Programme declarations (src/modules/initiatives/programmes.ts): six programmes, a handful of rules each.
  'Query.programmes': { max: 10 },
  'ProgrammeRules.roles': { max: 10 },
  'ProgrammeRules.rolesWithoutEmployment': { max: 10 },
  'CycleRules.groupsPerLanguage': { max: 3 },
  'SeasonRules.months': { max: 12 },
  // Capacities are 1 to 25; network events have none and gather 30 to 60 guests (S: 58 at most).
  'Session.attendances': { max: 200 },
  'SessionConnection.nodes': { page: 'parent' },
  'SessionConnection.edges': { page: 'parent' },

  // People: two jobs at most in S, 43 sessions at most; a monthly group over decades stays under these.
  'Person.employments': { max: 50 },
  'Person.attendances': { max: 500 },
  'PersonConnection.nodes': { page: 'parent' },
  'PersonConnection.edges': { page: 'parent' },

  // Network questions.
  'AcquaintanceConnection.nodes': { page: 'parent' },
  'AcquaintanceConnection.edges': { page: 'parent' },
  // Every service of the territory: a region is about 5,000 services (scale S).
  'AcquaintanceConnection.services': { max: 5000 },
  'Acquaintance.initiatives': { max: 100 },
  'PathStep.initiatives': { max: 100 },
  'LanguageBorder.initiatives': { max: 100 },
  // The filter echoed back: enum lists, each value at most once.
  'AppliedTieFilter.evidence': { max: 5 },
  'AppliedTieFilter.initiativeKinds': { max: 20 },
  'AppliedTieFilter.excludeInitiativeKinds': { max: 20 },
  // Sector pairs: 30 sectors make 465 cells.
  'Query.mixingMatrix': { max: 465 },
  'EiIndex.sectors': { max: 30 },
  'Query.gaps': { page: 'own' },
  'Brokers.brokers': { page: 'parent' },
  // brokers() refuses territories over MAX_EXACT_SERVICES (3,000).
  'Brokers.isolates': { max: 3000 },
  'Query.fragileTies': { page: 'own' },
  'Query.lostTies': { page: 'own' },
  // The ties of one service, each carried by the person or not.
  'TurnoverImpact.wouldBeLost': { max: 1000 },
  'TurnoverImpact.wouldBecomeFragile': { max: 1000 },
  'InitiativeImpact.reach': { max: 50 },
  // introductionPath refuses maxSteps over 10.
  'IntroductionPath.steps': { max: 10 },
  'Query.recommendations': { page: 'own', factor: 3 },
  // Communities: the listed ones, their services by page; sectors, languages and quartiers of one community.
  'Communities.communities': { page: 'own' },
  'Communities.between': { page: 'own', factor: 10 },
  'Community.services': { page: 'own' },
  'Community.sectors': { max: 30 },
  'Community.languages': { max: 3 },
  // A territory is at most one region: 145 monitoring quartiers.
  'Community.quartiers': { max: 145 },
  // Change over time: networkChange refuses more than MAX_YEARS (30) years; each year's communities by page.
  'NetworkChange.years': { max: 30 },
  'NetworkYearCommunities.communities': { page: 'own' },
  // Every monitoring quartier of a territory (one region: 145).
  'QuartierMap.quartiers': { max: 300 },

  // Access.
  'AuditEventConnection.nodes': { page: 'parent' },
  'AuditEventConnection.edges': { page: 'parent' },
  'AuditEvent.personIds': { max: 5000 },

  // Editing: one error per rule broken; an edition's validation lists its sessions' violations.
  'Query.editionValidation': { max: 5000 },
  'OrganisationPayload.errors': { max: 50 },
  'ServicePayload.errors': { max: 50 },
  'PersonPayload.errors': { max: 50 },
  'EmploymentPayload.errors': { max: 50 },
  'InitiativePayload.errors': { max: 50 },
  'EditionPayload.errors': { max: 50 },
  'SessionPayload.errors': { max: 50 },
  'AttendancePayload.errors': { max: 50 },
  'ErasePayload.errors': { max: 50 },
  'DeclaredTiePayload.errors': { max: 50 },
  'ReferralPayload.errors': { max: 50 },
  'AgreementPayload.errors': { max: 50 },
  // Rows of one CSV body (BODY_LIMIT 1 MB).
  'ImportReport.rejected': { max: 10000 },
  'ImportReport.doubtful': { max: 10000 },
  'DoubtfulMatch.candidates': { max: 10 },
};

/** A list field missing from LIST_SIZES: counted this long (the test keeps the table complete). */
export const DEFAULT_LIST_SIZE = 1000;

/**
 * The computation of each network question, in objects' worth, once per call: each loads its
 * territory's subgraph (thousands of ties); brokers adds exact betweenness (O(n·m)) and exports a
 * whole file. They bound how many of them one request may pack.
 */
export const ANALYTICS_WEIGHTS: Readonly<Record<string, number>> = {
  'Query.acquaintances': 500,
  'Query.mixingMatrix': 500,
  'Query.gaps': 500,
  'Query.eiIndex': 500,
  'Query.languageBorder': 500,
  'Query.fragileTies': 1000,
  'Query.lostTies': 1000,
  'Query.turnoverImpact': 500,
  'Query.initiativeImpact': 500,
  'Query.introductionPath': 500,
  'Query.recommendations': 1000,
  'Query.brokers': 2000,
  'Query.communities': 1000,
  // One subgraph load and one Louvain per year.
  'Query.networkChange': 2000,
  'Query.quartierFigures': 500,
  'Query.networkExport': 2000,
};

/** Resolvers refuse a larger `first` before reading anything (network lists allow up to 500 whatever MAX_PAGE_SIZE says). */
const NETWORK_PAGE_MAX = 500;

/**
 * Pages that may be longer than MAX_PAGE_SIZE, whatever it says: a map reads every tie of its
 * territory (a zone's few thousand in a few requests, not a dozen in a row).
 */
const LONG_PAGES: Readonly<Record<string, number>> = {
  'Query.acquaintances': 2000,
};

/** The longest page of a field (`Type.field`), for the resolver that refuses more and the cost that counts it. */
export const pageLimit = (field: string, maxPageSize: number): number => Math.max(maxPageSize, LONG_PAGES[field] ?? 0);

export interface CostOptions {
  defaultPageSize: number;
  maxPageSize: number;
}

export interface CostResult {
  cost: number;
  /** Whether a variable's value entered the figure (otherwise it holds for any variables). */
  usesVariables: boolean;
}

export const QUERY_TOO_COSTLY = 'QUERY_TOO_COSTLY';

export function queryTooCostly(cost: number, limit: number): GraphQLError {
  const shown = Number.isFinite(cost) ? Math.round(cost) : Number.MAX_VALUE;
  return new GraphQLError(`The operation's estimated cost, ${shown}, is over the limit of ${limit}: ask for smaller pages (first), fewer nested lists or fewer aliases`, {
    extensions: { code: QUERY_TOO_COSTLY, cost: shown, limit, http: { status: 400 } },
  });
}

/** The list size of a `Type.field`, as declared (or the default). */
export function listSizeOf(typeName: string, fieldName: string): ListSize {
  return LIST_SIZES[`${typeName}.${fieldName}`] ?? { max: DEFAULT_LIST_SIZE };
}

const isList = (type: GraphQLType): boolean => isListType(isNonNullType(type) ? type.ofType : type);

/** The cost of one operation of `document` with these variables. */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | null | undefined,
  options: CostOptions,
): CostResult {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const variableDefaults = new Map<string, unknown>();
  for (const v of operation.variableDefinitions ?? []) if (v.defaultValue) variableDefaults.set(v.variable.name.value, valueFromASTUntyped(v.defaultValue));
  const pageMax = Math.max(options.maxPageSize, NETWORK_PAGE_MAX);
  let usesVariables = false;
  const fragmentMemo = new Map<string, number>();
  const introspection = new IntrospectionCounter(schema, fragments);

  /** The `first` a field will run with; what resolvers would refuse counts as the largest page. */
  const firstOf = (node: FieldNode, field: GraphQLField<unknown, unknown>, key: string): number => {
    const argNode = node.arguments?.find((a) => a.name.value === 'first');
    const argDef = field.args.find((a) => a.name === 'first');
    let value: unknown;
    if (argNode?.value.kind === Kind.VARIABLE) {
      const name = argNode.value.name.value;
      usesVariables = true;
      value = variables && Object.prototype.hasOwnProperty.call(variables, name) ? variables[name] : variableDefaults.get(name);
    } else if (argNode) {
      value = valueFromASTUntyped(argNode.value);
    }
    // No argument, or null: the resolver falls back on the schema's default, else the page size.
    if (value === undefined || value === null) value = argDef?.defaultValue ?? options.defaultPageSize;
    const max = pageLimit(key, pageMax);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) return max;
    return value;
  };

  const selectionCost = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, parentPage: number): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) total += fieldCost(selection, parent, parentPage);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (condition && isCompositeType(condition)) total += selectionCost(selection.selectionSet, condition, parentPage);
      } else {
        const fragment = fragments.get(selection.name.value);
        const condition = fragment ? schema.getType(fragment.typeCondition.name.value) : undefined;
        if (!fragment || !condition || !isCompositeType(condition)) continue;
        const key = `${fragment.name.value}|${condition.name}|${parentPage}`;
        let cost = fragmentMemo.get(key);
        if (cost === undefined) {
          // Validation refuses fragment cycles; the placeholder keeps a cycle finite all the same.
          fragmentMemo.set(key, 0);
          cost = selectionCost(fragment.selectionSet, condition, parentPage);
          fragmentMemo.set(key, cost);
        }
        total += cost;
      }
    }
    return total;
  };

  const fieldCost = (node: FieldNode, parent: GraphQLCompositeType, parentPage: number): number => {
    const name = node.name.value;
    if (name === '__typename') return 0;
    if (name === '__schema' || name === '__type') {
      if (node.arguments?.some((a) => a.value.kind === Kind.VARIABLE)) usesVariables = true;
      return introspection.rootCost(node, variables);
    }
    if (!isObjectType(parent) && !isInterfaceType(parent)) return 0;
    const field = parent.getFields()[name];
    if (!field) return 0;
    const key = `${parent.name}.${name}`;
    const callWeight = ANALYTICS_WEIGHTS[key] ?? 0;
    const named = getNamedType(field.type);
    const hasFirst = field.args.some((a) => a.name === 'first');
    // A page below a field without `first` (none in the schema today) counts as the largest page.
    const ownPage = hasFirst ? firstOf(node, field, key) : pageMax;
    let multiplier = 1;
    if (isList(field.type)) {
      const size = listSizeOf(parent.name, name);
      multiplier = 'max' in size ? size.max : (size.page === 'own' ? ownPage : parentPage) * (size.factor ?? 1);
    }
    if (isLeafType(named) || !node.selectionSet || !isCompositeType(named)) return callWeight;
    return callWeight + multiplier * (1 + selectionCost(node.selectionSet, named, ownPage));
  };

  const root =
    operation.operation === OperationTypeNode.QUERY
      ? schema.getQueryType()
      : operation.operation === OperationTypeNode.MUTATION
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  const cost = root ? selectionCost(operation.selectionSet, root, pageMax) : 0;
  return { cost, usesVariables };
}

type IntrospectionValue =
  | { kind: '__Schema' }
  | { kind: '__Type'; type: GraphQLType }
  | { kind: '__Field'; field: GraphQLField<unknown, unknown> }
  | { kind: '__InputValue'; value: GraphQLArgument | GraphQLInputField }
  | { kind: '__EnumValue'; value: GraphQLEnumValue }
  | { kind: '__Directive'; directive: GraphQLDirective };

/**
 * Counts the objects an introspection selection returns, over the schema itself (the answer is
 * exact: the schema is in memory and its size known). Memoised per selection set and schema element,
 * so a selection nested as deep as the depth limit allows is counted without walking every path.
 */
class IntrospectionCounter {
  private readonly memo = new Map<SelectionSetNode, Map<unknown, number>>();
  private readonly schemaKey = {};

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  ) {}

  rootCost(node: FieldNode, variables: Readonly<Record<string, unknown>> | null | undefined): number {
    if (!node.selectionSet) return 0;
    if (node.name.value === '__schema') return 1 + this.cost(node.selectionSet, { kind: '__Schema' });
    const arg = node.arguments?.find((a) => a.name.value === 'name');
    const name = arg?.value.kind === Kind.VARIABLE ? variables?.[arg.value.name.value] : arg ? valueFromASTUntyped(arg.value) : undefined;
    const type = typeof name === 'string' ? this.schema.getType(name) : undefined;
    return type ? 1 + this.cost(node.selectionSet, { kind: '__Type', type }) : 0;
  }

  private keyOf(value: IntrospectionValue): unknown {
    switch (value.kind) {
      case '__Schema':
        return this.schemaKey;
      case '__Type':
        return value.type;
      case '__Field':
        return value.field;
      case '__InputValue':
        return value.value;
      case '__EnumValue':
        return value.value;
      case '__Directive':
        return value.directive;
    }
  }

  private cost(selectionSet: SelectionSetNode, value: IntrospectionValue): number {
    const key = this.keyOf(value);
    let byValue = this.memo.get(selectionSet);
    if (!byValue) this.memo.set(selectionSet, (byValue = new Map<unknown, number>()));
    const known = byValue.get(key);
    if (known !== undefined) return known;
    byValue.set(key, 0);
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) total += this.cost(selection.selectionSet, value);
      else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = this.fragments.get(selection.name.value);
        if (fragment) total += this.cost(fragment.selectionSet, value);
      } else if (selection.selectionSet) {
        for (const child of this.children(value, selection.name.value)) total += 1 + this.cost(selection.selectionSet, child);
      }
    }
    byValue.set(key, total);
    return total;
  }

  /** The objects a field of an introspection object returns (leaves return none). */
  private children(value: IntrospectionValue, field: string): IntrospectionValue[] {
    const type = (t: GraphQLType | null | undefined): IntrospectionValue[] => (t ? [{ kind: '__Type', type: t }] : []);
    switch (value.kind) {
      case '__Schema':
        if (field === 'types') return Object.values(this.schema.getTypeMap()).map((t) => ({ kind: '__Type', type: t }));
        if (field === 'queryType') return type(this.schema.getQueryType());
        if (field === 'mutationType') return type(this.schema.getMutationType());
        if (field === 'subscriptionType') return type(this.schema.getSubscriptionType());
        if (field === 'directives') return this.schema.getDirectives().map((d) => ({ kind: '__Directive', directive: d }));
        return [];
      case '__Type': {
        const t = value.type;
        if (field === 'ofType') return isListType(t) || isNonNullType(t) ? type(t.ofType) : [];
        if (field === 'fields')
          return isObjectType(t) || isInterfaceType(t) ? Object.values(t.getFields()).map((f) => ({ kind: '__Field', field: f as GraphQLField<unknown, unknown> })) : [];
        if (field === 'interfaces') return isObjectType(t) || isInterfaceType(t) ? t.getInterfaces().map((i) => ({ kind: '__Type', type: i })) : [];
        if (field === 'possibleTypes') return isAbstractType(t) ? this.schema.getPossibleTypes(t).map((p) => ({ kind: '__Type', type: p })) : [];
        if (field === 'enumValues') return isEnumType(t) ? t.getValues().map((v) => ({ kind: '__EnumValue', value: v })) : [];
        if (field === 'inputFields') return isInputObjectType(t) ? Object.values(t.getFields()).map((f) => ({ kind: '__InputValue', value: f })) : [];
        return [];
      }
      case '__Field':
        if (field === 'args') return value.field.args.map((a) => ({ kind: '__InputValue', value: a }));
        if (field === 'type') return type(value.field.type);
        return [];
      case '__InputValue':
        return field === 'type' ? type(value.value.type) : [];
      case '__Directive':
        return field === 'args' ? value.directive.args.map((a) => ({ kind: '__InputValue', value: a })) : [];
      case '__EnumValue':
        return [];
    }
  }
}
