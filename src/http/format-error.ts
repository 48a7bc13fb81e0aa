/**
 * What a client may see of an error: its message and code. Internal errors are logged with their
 * stack and answered with a generic message, so nothing of the server's insides leaks.
 */
import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ErrorCode } from '../errors';
import { logger } from '../logger';

const ENUM_VALUE = /Value "(.*)" does not exist in "(\w+)" enum/;

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
  const { stacktrace: _dropped, ...extensions } = formatted.extensions ?? {};
  if (code === ErrorCode.INTERNAL_SERVER_ERROR) {
    logger.error({ err: unwrapResolverError(error), path: formatted.path }, 'internal error');
    return { message: 'Internal server error', path: formatted.path, extensions: { code } };
  }
  // An unknown enum value (say lang: DE) is bad input, whatever stage caught it.
  const enumValue = ENUM_VALUE.exec(formatted.message);
  if (enumValue) return { ...formatted, extensions: { ...extensions, code: ErrorCode.BAD_USER_INPUT, enum: enumValue[2], value: enumValue[1] } };
  return { ...formatted, extensions: { ...extensions, code } };
}
