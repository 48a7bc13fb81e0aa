/** The Date and DateTime scalars: ISO strings, validated on input with an error naming the value. */
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { badInput, ErrorCode } from '../../errors';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDate(value: unknown): string {
  if (typeof value === 'string' && DATE.test(value)) {
    const d = new Date(`${value}T00:00:00Z`);
    if (!Number.isNaN(d.getTime()) && d.toISOString().startsWith(value)) return value;
  }
  throw new GraphQLError(`Invalid Date: must be a calendar date YYYY-MM-DD (got ${JSON.stringify(value)})`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT },
  });
}

function parseDateTime(value: unknown): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    const d = new Date(value);
    if (!Number.isNaN(d.getTime())) return d.toISOString();
  }
  throw new GraphQLError(`Invalid DateTime: must be ISO-8601 with an offset, e.g. 2023-10-05T09:00:00+02:00 (got ${JSON.stringify(value)})`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT },
  });
}

/** A calendar date given outside GraphQL (a query string, a CLI flag): BAD_USER_INPUT naming the argument. */
export function parseDateArgument(value: string, argument: string): string {
  try {
    return parseDate(value);
  } catch {
    throw badInput(argument, `must be a calendar date YYYY-MM-DD (got ${JSON.stringify(value)})`);
  }
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  serialize: (v) => String(v).slice(0, 10),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  serialize: (v) => String(v),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});
