/**
 * SQLite's keyword list (the 147 words `sqlite3_keyword_name` reports in 3.40) and the rules
 * that let most of them double as identifiers.
 *
 * SQLite's grammar has a "fallback" list: when a keyword cannot be shifted in the parser's
 * current state but an identifier could, the keyword is read as an identifier. That is why
 * `CREATE TABLE t(key, action, replace)` works while `CREATE TABLE t(select)` does not. The
 * recursive-descent parser reproduces the rule by testing for the keywords a position accepts
 * *before* testing `isId`, which accepts ID plus every word in FALLBACK_TO_ID.
 *
 * Three more groups are never plain identifiers but are accepted where SQLite's `nm` is:
 *   JOIN_KW   CROSS FULL INNER LEFT NATURAL OUTER RIGHT   (also usable as bare column names)
 *   INDEXED   usable wherever SQLite's `id` is (column names, function names)
 * and WINDOW/OVER/FILTER are decided by context in the token stream (see lexer.ts).
 */

const KEYWORD_LIST = [
  'ABORT', 'ACTION', 'ADD', 'AFTER', 'ALL', 'ALTER', 'ALWAYS', 'ANALYZE', 'AND', 'AS', 'ASC',
  'ATTACH', 'AUTOINCREMENT', 'BEFORE', 'BEGIN', 'BETWEEN', 'BY', 'CASCADE', 'CASE', 'CAST',
  'CHECK', 'COLLATE', 'COLUMN', 'COMMIT', 'CONFLICT', 'CONSTRAINT', 'CREATE', 'CROSS', 'CURRENT',
  'CURRENT_DATE', 'CURRENT_TIME', 'CURRENT_TIMESTAMP', 'DATABASE', 'DEFAULT', 'DEFERRABLE',
  'DEFERRED', 'DELETE', 'DESC', 'DETACH', 'DISTINCT', 'DO', 'DROP', 'EACH', 'ELSE', 'END',
  'ESCAPE', 'EXCEPT', 'EXCLUDE', 'EXCLUSIVE', 'EXISTS', 'EXPLAIN', 'FAIL', 'FILTER', 'FIRST',
  'FOLLOWING', 'FOR', 'FOREIGN', 'FROM', 'FULL', 'GENERATED', 'GLOB', 'GROUP', 'GROUPS', 'HAVING',
  'IF', 'IGNORE', 'IMMEDIATE', 'IN', 'INDEX', 'INDEXED', 'INITIALLY', 'INNER', 'INSERT', 'INSTEAD',
  'INTERSECT', 'INTO', 'IS', 'ISNULL', 'JOIN', 'KEY', 'LAST', 'LEFT', 'LIKE', 'LIMIT', 'MATCH',
  'MATERIALIZED', 'NATURAL', 'NO', 'NOT', 'NOTHING', 'NOTNULL', 'NULL', 'NULLS', 'OF', 'OFFSET',
  'ON', 'OR', 'ORDER', 'OTHERS', 'OUTER', 'OVER', 'PARTITION', 'PLAN', 'PRAGMA', 'PRECEDING',
  'PRIMARY', 'QUERY', 'RAISE', 'RANGE', 'RECURSIVE', 'REFERENCES', 'REGEXP', 'REINDEX', 'RELEASE',
  'RENAME', 'REPLACE', 'RESTRICT', 'RETURNING', 'RIGHT', 'ROLLBACK', 'ROW', 'ROWS', 'SAVEPOINT',
  'SELECT', 'SET', 'TABLE', 'TEMP', 'TEMPORARY', 'THEN', 'TIES', 'TO', 'TRANSACTION', 'TRIGGER',
  'UNBOUNDED', 'UNION', 'UNIQUE', 'UPDATE', 'USING', 'VACUUM', 'VALUES', 'VIEW', 'VIRTUAL', 'WHEN',
  'WHERE', 'WINDOW', 'WITH', 'WITHOUT',
] as const;

type KeywordWord = (typeof KEYWORD_LIST)[number];

/** Token type of a keyword: its spelling, except TEMPORARY which is the same token as TEMP. */
export type KeywordType = Exclude<KeywordWord, 'TEMPORARY'>;

/** Upper-case spelling -> token type. */
export const KEYWORDS: ReadonlyMap<string, KeywordType> = new Map(
  KEYWORD_LIST.map((w): [string, KeywordType] => [w, w === 'TEMPORARY' ? 'TEMP' : w]),
);

/** Longest keyword (CURRENT_TIMESTAMP); longer words skip the map lookup. */
export const MAX_KEYWORD_LENGTH = 17;

/** Keywords that read as an identifier wherever the grammar cannot take them as keywords. */
export const FALLBACK_TO_ID: ReadonlySet<string> = new Set<KeywordType>([
  'ABORT', 'ACTION', 'AFTER', 'ALWAYS', 'ANALYZE', 'ASC', 'ATTACH', 'BEFORE', 'BEGIN', 'BY',
  'CASCADE', 'CAST', 'COLUMN', 'CONFLICT', 'CURRENT', 'CURRENT_DATE', 'CURRENT_TIME',
  'CURRENT_TIMESTAMP', 'DATABASE', 'DEFERRED', 'DESC', 'DETACH', 'DO', 'EACH', 'END', 'EXCLUDE',
  'EXCLUSIVE', 'EXPLAIN', 'FAIL', 'FIRST', 'FOLLOWING', 'FOR', 'GENERATED', 'GLOB', 'GROUPS', 'IF',
  'IGNORE', 'IMMEDIATE', 'INITIALLY', 'INSTEAD', 'KEY', 'LAST', 'LIKE', 'MATCH', 'MATERIALIZED',
  'NO', 'NULLS', 'OF', 'OFFSET', 'OTHERS', 'PARTITION', 'PLAN', 'PRAGMA', 'PRECEDING', 'QUERY',
  'RAISE', 'RANGE', 'RECURSIVE', 'REGEXP', 'REINDEX', 'RELEASE', 'RENAME', 'REPLACE', 'RESTRICT',
  'ROLLBACK', 'ROW', 'ROWS', 'SAVEPOINT', 'TEMP', 'TIES', 'TRIGGER', 'UNBOUNDED', 'VACUUM', 'VIEW',
  'VIRTUAL', 'WITH', 'WITHOUT',
]);

/** SQLite's JOIN_KW terminal. */
export const JOIN_KW: ReadonlySet<string> = new Set<KeywordType>([
  'CROSS', 'FULL', 'INNER', 'LEFT', 'NATURAL', 'OUTER', 'RIGHT',
]);

/** SQLite's LIKE_KW terminal (MATCH is separate in the grammar but behaves the same). */
export const LIKE_KW: ReadonlySet<string> = new Set<KeywordType>(['LIKE', 'GLOB', 'REGEXP']);

/** SQLite's CTIME_KW terminal. */
export const CTIME_KW: ReadonlySet<string> = new Set<KeywordType>([
  'CURRENT_DATE', 'CURRENT_TIME', 'CURRENT_TIMESTAMP',
]);

/** Every keyword spelling, upper case, in alphabetical order (for `sqlite3_keyword_name`). */
export const KEYWORD_NAMES: readonly string[] = KEYWORD_LIST;
