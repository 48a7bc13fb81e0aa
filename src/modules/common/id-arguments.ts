/**
 * Every `ID` argument, and every `ID` field of an input, takes what a client can copy: the global
 * id the API returned (`U2VydmljZTpzdmMtMDAwMDE`) or the source id (`svc-00001`). Resolvers get the
 * source id either way — decoded here, once, before any resolver runs — so no resolver can forget
 * it, and a global id of another type is a BAD_USER_INPUT naming the argument (`input.organiserId`).
 *
 * ID_ARGUMENTS names the type behind each one; src/modules/common/id-arguments.test.ts fails for an
 * ID argument or input field of the schema missing here (a new one must be declared).
 * `node(id:)` takes any type: it decodes its own argument (src/modules/node.ts).
 */
import { getNamedType, getNullableType, isInputObjectType, isListType, type GraphQLFieldResolver, type GraphQLInputType, type GraphQLSchema } from 'graphql';
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { defaultFieldResolver } from 'graphql';
import { keyOf, type NodeType } from './ids';

/** `Type.field.argument` (for arguments) or `InputType.field` (for input fields) → the type it names. */
export const ID_ARGUMENTS: Readonly<Record<string, NodeType | 'any'>> = {
  'Query.node.id': 'any',
  'Query.organisation.id': 'Organisation',
  'Query.service.id': 'Service',
  'Query.person.id': 'Person',
  'Query.initiative.id': 'Initiative',
  'Query.edition.id': 'Edition',
  'Query.session.id': 'Session',
  'Query.auditTrail.personId': 'Person',
  'Query.turnoverImpact.service': 'Service',
  'Query.turnoverImpact.person': 'Person',
  'Query.initiativeImpact.edition': 'Edition',
  'Query.introductionPath.fromService': 'Service',
  'Query.introductionPath.fromPerson': 'Person',
  'Query.introductionPath.to': 'Service',
  'Query.recommendations.initiative': 'Initiative',
  'Query.editionValidation.edition': 'Edition',
  'Mutation.closeService.id': 'Service',
  'Mutation.startEmployment.personId': 'Person',
  'Mutation.startEmployment.serviceId': 'Service',
  'Mutation.endEmployment.personId': 'Person',
  'Mutation.endEmployment.serviceId': 'Service',
  'Mutation.registerAttendance.personId': 'Person',
  'Mutation.registerAttendance.sessionId': 'Session',
  'Mutation.markAttendance.personId': 'Person',
  'Mutation.markAttendance.sessionId': 'Session',
  'Mutation.cancelAttendance.personId': 'Person',
  'Mutation.cancelAttendance.sessionId': 'Session',
  'Mutation.recordImmersion.personId': 'Person',
  'Mutation.recordImmersion.hostServiceId': 'Service',
  'Mutation.recordImmersion.editionId': 'Edition',
  'Mutation.closeEdition.id': 'Edition',
  'Mutation.reopenEdition.id': 'Edition',
  'Mutation.erasePerson.id': 'Person',
  'OrganisationInput.id': 'Organisation',
  'ServiceInput.id': 'Service',
  'ServiceInput.organisationId': 'Organisation',
  'PersonInput.id': 'Person',
  'InitiativeInput.id': 'Initiative',
  'InitiativeInput.organiserId': 'Organisation',
  'EditionInput.id': 'Edition',
  'EditionInput.initiativeId': 'Initiative',
  'SessionInput.id': 'Session',
  'SessionInput.editionId': 'Edition',
  'SessionInput.hostId': 'Service',
  // Evidence of ties other than attendance (src/modules/evidence).
  'DeclaredTieInput.personId': 'Person',
  'DeclaredTieInput.serviceId': 'Service',
  'Mutation.withdrawDeclaredTie.personId': 'Person',
  'Mutation.withdrawDeclaredTie.serviceId': 'Service',
  'ReferralInput.fromServiceId': 'Service',
  'ReferralInput.toServiceId': 'Service',
  'AgreementInput.serviceAId': 'Service',
  'AgreementInput.serviceBId': 'Service',
  'Mutation.removeAgreement.serviceAId': 'Service',
  'Mutation.removeAgreement.serviceBId': 'Service',
};

/** Turns one argument's value into source ids; undefined when nothing in it is an ID. */
type Convert = (value: unknown, argument: string) => unknown;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function converter(type: GraphQLInputType, coordinate: string, seen: Set<string> = new Set()): Convert | undefined {
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const item = converter(nullable.ofType, coordinate, seen);
    return item && ((value, argument) => (Array.isArray(value) ? value.map((v) => item(v, argument)) : item(value, argument)));
  }
  const named = getNamedType(type);
  if (named.name === 'ID') {
    const target = ID_ARGUMENTS[coordinate];
    if (!target || target === 'any') return undefined;
    return (value, argument) => (typeof value === 'string' ? keyOf(target, value, argument) : value);
  }
  if (!isInputObjectType(named) || seen.has(named.name)) return undefined;
  const fields = new Map<string, Convert>();
  for (const field of Object.values(named.getFields())) {
    const convert = converter(field.type, `${named.name}.${field.name}`, new Set([...seen, named.name]));
    if (convert) fields.set(field.name, convert);
  }
  if (fields.size === 0) return undefined;
  return (value, argument) => {
    if (!isRecord(value)) return value;
    const out: Record<string, unknown> = { ...value };
    for (const [name, convert] of fields) if (out[name] !== undefined && out[name] !== null) out[name] = convert(out[name], `${argument}.${name}`);
    return out;
  };
}

/** The schema with every declared ID argument decoded to its source id before its resolver runs. */
export function withSourceIds(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      const converts: Array<[string, Convert]> = [];
      for (const [name, arg] of Object.entries(field.args ?? {})) {
        const convert = converter(arg.type, `${typeName}.${fieldName}.${name}`);
        if (convert) converts.push([name, convert]);
      }
      if (converts.length === 0) return field;
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      const decoded: GraphQLFieldResolver<unknown, unknown> = (parent, args: Record<string, unknown>, ctx, info) => {
        const given: Record<string, unknown> = { ...args };
        for (const [name, convert] of converts) if (given[name] !== undefined && given[name] !== null) given[name] = convert(given[name], name);
        return resolve(parent, given, ctx, info);
      };
      return { ...field, resolve: decoded };
    },
  });
}

/** Every ID argument and ID input field of a schema, as ID_ARGUMENTS names them. */
export function idCoordinates(schema: GraphQLSchema): string[] {
  const out: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (getNamedType(field.type).name === 'ID') out.push(`${type.name}.${field.name}`);
    } else if ('getFields' in type && typeof type.getFields === 'function') {
      for (const field of Object.values(type.getFields())) {
        for (const arg of (field as { args?: ReadonlyArray<{ name: string; type: GraphQLInputType }> }).args ?? []) {
          if (getNamedType(arg.type).name === 'ID') out.push(`${type.name}.${field.name}.${arg.name}`);
        }
      }
    }
  }
  return out.sort();
}
