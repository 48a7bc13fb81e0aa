/**
 * What a client may see of an error: its message and code. Internal errors are logged with their
 * stack and answered with a generic message, so nothing of the server's insides leaks.
 */
import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ErrorCode } from '../errors';
import { logger } from '../logger';

const ENUM_VALUE = /Value "(.*)" does not exist in "(\w+)" enum/;
const BAD_VALUE = /^(Expected value of type |Invalid (Date|DateTime): )/;

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
  const { stacktrace: _dropped, ...extensions } = formatted.extensions ?? {};
  if (code === ErrorCode.INTERNAL_SERVER_ERROR) {
    logger.error({ err: unwrapResolverError(error), path: formatted.path }, 'internal error');
    return { message: 'Internal server error', path: formatted.path, extensions: { code } };
  }
  // A bad argument value (unknown enum value such as lang: DE, a malformed date) is bad input,
  // whether validation caught it in the document or coercion caught it in the variables.
  const enumValue = ENUM_VALUE.exec(formatted.message);
  if (enumValue) return { ...formatted, extensions: { ...extensions, code: ErrorCode.BAD_USER_INPUT, enum: enumValue[2], value: enumValue[1] } };
  if (code === 'GRAPHQL_VALIDATION_FAILED' && BAD_VALUE.test(formatted.message)) {
    return { ...formatted, extensions: { ...extensions, code: ErrorCode.BAD_USER_INPUT } };
  }
  return { ...formatted, extensions: { ...extensions, code } };
}

/**
 * The schema's field names hidden from "Did you mean …?" hints, for servers that do not serve
 * introspection. Done on the formatted copy: graphql-armor's plugin rewrote the error itself, and
 * failed on the read-only errors of execution (every FORBIDDEN became an internal error).
 */
export function hideSuggestions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const message = formatted.message.replace(/ ?Did you mean .+\?/g, '').trim();
  return message === formatted.message ? formatted : { ...formatted, message };
}
