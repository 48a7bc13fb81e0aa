/** `me` and `auditTrail`. */
import type { Resolvers } from '../__generated__/resolvers-types';
import { int } from '../neo4j/driver';
import { decodeCursor, pageSize, toPage } from '../modules/common/pagination';
import { connectionFields } from '../modules/directory/resolvers';
import { keyOf } from '../modules/common/ids';
import { AUDIT_COUNT, AUDIT_PAGE, type AuditRow } from './audit';
import { pseudonym } from './pseudonym';

export const accessResolvers: Resolvers = {
  Query: {
    me: (_p, _a, ctx) => ({ role: ctx.principal.role, zone: ctx.principal.zone ?? null }),
    auditTrail: async (_p, { personId, first, after: afterCursor }, ctx) => {
      const size = pageSize(first, { max: ctx.config.MAX_PAGE_SIZE, default: ctx.config.DEFAULT_PAGE_SIZE });
      const after = decodeCursor(afterCursor);
      await ctx.audit?.flush(); // the trail includes the reads made just before this one
      const params = { personId: personId ? pseudonym(ctx.config.PSEUDONYM_SECRET, keyOf('Person', personId, 'personId')) : null };
      const rows = await ctx.db.read<AuditRow & Record<string, unknown>>(AUDIT_PAGE, { ...params, after, limit: int(size.limit) });
      const total = () => ctx.db.read<{ total: number }>(AUDIT_COUNT, params).then((r) => r[0]?.total ?? 0);
      return toPage(rows, size, after, (r) => r.id, total);
    },
  },
  AuditEventConnection: connectionFields,
};
