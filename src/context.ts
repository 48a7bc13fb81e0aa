/**
 * The per-request context: one database handle (with its own round-trip counter), one fresh set
 * of DataLoaders, and the request language. Built by `createContext`, nowhere else.
 */
import { PUBLIC, type Principal } from './access/principal';
import type { AuditTrail } from './access/audit';
import type { Config } from './config';
import type { Db } from './neo4j/driver';
import { Loaders } from './modules/loaders';
import { sharedAnalyticsCache, type AnalyticsCache } from './modules/network/analytics-cache';

export type LangCode = 'FR' | 'NL';

export interface Context {
  db: Db;
  loaders: Loaders;
  lang: LangCode;
  config: Config;
  /** Today's date (YYYY-MM-DD), fixed for the request so every field agrees. */
  today: string;
  /** Who is calling; `public` without a key. */
  principal: Principal;
  /** Ids of people whose person-level data this request returned, for the audit trail. */
  personReads: Set<string>;
  /** The server's audit trail (null outside a server): read back only after what is pending is written. */
  audit: AuditTrail | null;
  /** Territory graphs and answers shared across requests, keyed by the graph version; null: none. */
  analytics: AnalyticsCache | null;
}

export interface ContextInput {
  db: Db;
  config: Config;
  acceptLanguage?: string | null;
  principal?: Principal;
  audit?: AuditTrail | null;
  /** Defaults to the process's cache (ANALYTICS_CACHE_MB); null computes every answer afresh. */
  analytics?: AnalyticsCache | null;
}

/** `nl`, `nl-BE` … give NL; anything else, or nothing, gives FR. */
export function langFromHeader(header: string | null | undefined): LangCode {
  if (!header) return 'FR';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('nl') ? 'NL' : 'FR';
}

const DAY_MS = 86_400_000;
let todayCache = { day: '', from: 0 };
/** Today's date in UTC, worked out again only when the clock has left the day last worked out. */
function todayUtc(now = Date.now()): string {
  if (now < todayCache.from || now >= todayCache.from + DAY_MS) {
    const from = now - (now % DAY_MS);
    todayCache = { day: new Date(from).toISOString().slice(0, 10), from };
  }
  return todayCache.day;
}

export function createContext({ db, config, acceptLanguage, principal = PUBLIC, audit = null, analytics = sharedAnalyticsCache(config) }: ContextInput): Context {
  // Every request reads against its own row budget (neo4j/driver.ts RowBudget).
  const requestDb = db.fork({ rows: config.MAX_ROWS_PER_REQUEST, analyticsRows: config.MAX_ANALYTICS_ROWS_PER_REQUEST });
  const today = todayUtc();
  return {
    db: requestDb,
    loaders: new Loaders(requestDb, today, principal.role === 'zone'),
    lang: langFromHeader(acceptLanguage),
    config,
    today,
    principal,
    personReads: new Set(),
    audit,
    analytics,
  };
}
