/** The benchmark's workloads, in report order. */
import { fileAutocommitWorkload } from './file-autocommit.js';
import { insertBulkWorkload } from './insert-bulk.js';
import { indexLookupWorkload, rowidLookupWorkload } from './point-lookups.js';
import { groupByWorkload, scanAggregateWorkload } from './table-t-queries.js';
import { threeTableJoinWorkload } from './three-table-join.js';
import type { Workload } from './workload-api.js';

export const WORKLOADS: readonly Workload[] = [
  insertBulkWorkload,
  rowidLookupWorkload,
  indexLookupWorkload,
  scanAggregateWorkload,
  groupByWorkload,
  threeTableJoinWorkload,
  fileAutocommitWorkload,
];
