/**
 * EXPLAIN QUERY PLAN lines for the loops the planner chose, in SQLite's words:
 * `SCAN t`, `SEARCH t USING INDEX i (a=? AND b>?)`, `SEARCH t USING INTEGER PRIMARY KEY
 * (rowid=?)`, `SEARCH t USING AUTOMATIC INDEX (c=?)`. Minnow's automatic list of filtered
 * rowids (no key) reads `SCAN t USING AUTOMATIC ROWID LIST`.
 */
import type { Source } from './scope.js';
import type { AccessPath } from './where-plan.js';
import type { Constraint } from './where-terms.js';

// SQLite prints a bound's direction, not whether it is inclusive.
const OP_TEXT: Record<Constraint['op'], string> = { eq: '=', in: '=', lt: '<', le: '<', gt: '>', ge: '>' };

function columnName(source: Source, c: Constraint): string {
  return c.column < 0 ? 'rowid' : source.table.columns[c.column]!.name;
}

function terms(source: Source, cs: readonly (Constraint | null)[]): string {
  const parts = cs.filter((c): c is Constraint => c !== null).map((c) => `${columnName(source, c)}${OP_TEXT[c.op]}?`);
  return `(${parts.join(' AND ')})`;
}

export function describeAccess(source: Source, access: AccessPath, leftJoin: boolean): string {
  const name = source.name === source.table.name.toLowerCase() ? source.table.name : source.name;
  let text: string;
  switch (access.kind) {
    case 'scan':
      text = `SCAN ${name}`;
      break;
    case 'rowid':
      text = `SEARCH ${name} USING INTEGER PRIMARY KEY ${terms(source, [access.eq])}`;
      break;
    case 'rowidRange':
      text = `SEARCH ${name} USING INTEGER PRIMARY KEY ${terms(source, [access.lo, access.hi])}`;
      break;
    case 'index':
      if (access.eq.length === 0 && access.lo === null && access.hi === null) {
        text = `SCAN ${name} USING INDEX ${access.index.name}`;
        break;
      }
      text = `SEARCH ${name} USING INDEX ${access.index.name} ${terms(source, [...access.eq, access.lo, access.hi])}`;
      break;
    case 'auto':
      text = access.eq.length > 0 ? `SEARCH ${name} USING AUTOMATIC INDEX ${terms(source, access.eq)}` : `SCAN ${name} USING AUTOMATIC ROWID LIST`;
      break;
  }
  return leftJoin ? `${text} LEFT-JOIN` : text;
}
