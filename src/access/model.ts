/** Row shapes of the access module. */
import type { Page } from '../modules/common/pagination';
import type { AuditRow } from './audit';

export type AuditPage = Page<AuditRow>;
