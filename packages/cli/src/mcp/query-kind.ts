/**
 * Which statement kinds each MCP tool accepts: a tool runs exactly one statement of its kind,
 * and says which tool to use for anything else.
 */
import { parser } from '@minnow/core';

export type ToolName = 'execute_query' | 'insert_data' | 'update_data' | 'delete_data' | 'schema_change';

const ACCEPTS: Record<ToolName, { kinds: readonly string[]; what: string }> = {
  execute_query: { kinds: ['select'], what: 'a SELECT' },
  insert_data: { kinds: ['insert'], what: 'an INSERT' },
  update_data: { kinds: ['update'], what: 'an UPDATE' },
  delete_data: { kinds: ['delete'], what: 'a DELETE' },
  schema_change: { kinds: ['createTable', 'createIndex', 'createView', 'createTrigger', 'createVirtualTable', 'drop', 'alterTable'], what: 'a CREATE, DROP or ALTER' },
};

/** The statement kind in SQL words: 'createTable' -> 'CREATE TABLE', with its article. */
function describeKind(kind: string): string {
  const words = kind === 'drop' ? 'DROP' : kind.replace(/([A-Z])/g, ' $1').toUpperCase();
  return `${/^[AEIOU]/.test(words) ? 'an' : 'a'} ${words}`;
}

function toolFor(kind: string): ToolName | null {
  for (const [tool, a] of Object.entries(ACCEPTS)) if (a.kinds.includes(kind)) return tool as ToolName;
  return null;
}

/** Null when `sql` is exactly one statement `tool` accepts; else the reason it is refused. */
export function refusal(tool: ToolName, sql: string): string | null {
  const stmts = parser.parse(sql);
  if (stmts.length === 0) return 'No SQL statement was given.';
  if (stmts.length > 1) return `${tool} runs exactly one statement; this query has ${stmts.length}. Send them one call at a time.`;
  const kind = stmts[0]!.kind;
  if (ACCEPTS[tool].kinds.includes(kind)) return null;
  const other = toolFor(kind);
  return `${tool} only runs ${ACCEPTS[tool].what} statement; this is ${describeKind(kind)} statement.${other === null ? '' : ` Use ${other} for it.`}`;
}
