/**
 * Statements that must fail, each with SQLite's exact message: unknown tables and columns,
 * ambiguous names, wrong value counts, unknown functions and argument counts, aggregates
 * where they are not allowed, duplicate objects, and syntax errors made by damaging a valid
 * statement (a token dropped, doubled, or a stray one inserted). Constraint failures come
 * from the ordinary INSERT/UPDATE mix and from the targeted ones here.
 */
import { UNORDERED, type GeneratedStatement } from './generated.js';
import type { StatementGen } from './stmt-gen.js';

const STRAY_TOKENS = ['FROM', 'WHERE', 'SELECT', ')', '(', ',', 'AND', 'NOT', 'ORDER', 'BY', '+', 'IN', 'VALUES', 'SET', 'TABLE', ';x', '.', 'JOIN'];

export class ErrorGen {
  constructor(private readonly sg: StatementGen) {}

  next(): GeneratedStatement {
    const g = this.sg;
    const rng = g.rng;
    const t = rng.pick(g.model.tables);
    const col = rng.pick(t.columns).name;
    const f = g.features;
    const make = (sql: string): GeneratedStatement => ({ sql, kind: 'error', order: UNORDERED });
    return rng.weighted<() => GeneratedStatement>([
      [2, () => make(`SELECT * FROM nosuch${rng.int(0, 9)}`)],
      [1, () => make(`INSERT INTO nosuch VALUES (1)`)],
      [2, () => make(`SELECT zz FROM ${t.name}`)],
      [1, () => make(`SELECT ${t.name}.zz FROM ${t.name}`)],
      [1, () => make(`SELECT q.${col} FROM ${t.name}`)],
      [1, () => make(`UPDATE ${t.name} SET zz = 1`)],
      [1, () => make(`DELETE FROM ${t.name} WHERE zz = 1`)],
      [2, () => make(`SELECT ${col} FROM ${t.name} AS p, ${t.name} AS q`)],
      [2, () => make(`INSERT INTO ${t.name} VALUES (${Array.from({ length: t.columns.length + rng.pick([1, -1]) }, () => '1').join(', ') || '1, 1'})`)],
      [1, () => make(`INSERT INTO ${t.name}(zz) VALUES (1)`)],
      [1, () => make(`INSERT INTO ${t.name}(${col}) VALUES (1, 2)`)],
      [1, () => make(`SELECT nosuchfn(${col}) FROM ${t.name}`)],
      [1, () => make(`SELECT ${rng.pick(['abs(1, 2)', 'length()', 'substr(1)', 'lower(1, 2)', 'coalesce(1)', 'typeof()', 'round(1, 2, 3)'])} FROM ${t.name}`)],
      [f.aggregateMisuse ? 1 : 0, () => make(`SELECT ${col} FROM ${t.name} WHERE ${rng.pick(['count(*)', 'sum(1)', 'max(1)'])} > 0`)],
      [f.aggregateMisuse ? 1 : 0, () => make(`SELECT ${col} FROM ${t.name} GROUP BY count(*)`)],
      [1, () => make(`SELECT ${col} FROM ${t.name} WHERE count(*) > 0`)],
      [1, () => make(`CREATE TABLE ${t.name}(x)`)],
      [1, () => make(`CREATE TABLE q${rng.int(0, 9)}(x, x)`)],
      [1, () => make(`CREATE INDEX ${g.model.indexes.length > 0 ? rng.pick(g.model.indexes).name : 'ix'} ON ${t.name}(${col})`)],
      [1, () => make(`CREATE INDEX ix${rng.int(0, 9)} ON ${t.name}(zz)`)],
      [1, () => make(`DROP TABLE nosuch`)],
      [1, () => make(`DROP INDEX nosuch`)],
      [f.constantTerms ? 1 : 0, () => make(`SELECT ${col} FROM ${t.name} ORDER BY ${rng.pick(['0', '9', '-1'])}`)],
      [1, () => make(`SELECT ${col} FROM ${t.name} ORDER BY 9`)],
      [1, () => make(`SELECT ${col} FROM ${t.name} LIMIT ${rng.pick(["'x'", '1.5', 'NULL', "x'01'"])}`)],
      [1, () => make(`SELECT (SELECT 1, 2) FROM ${t.name}`)],
      [1, () => make(`SELECT ${col} FROM ${t.name} WHERE ${col} IN (SELECT 1, 2)`)],
      [1, () => make(`SELECT 1 UNION SELECT 1, 2`)],
      [1, () => make(`INSERT INTO ${t.name} SELECT ${Array.from({ length: t.columns.length + 1 }, () => '1').join(', ')}`)],
      [1, () => make(`SELECT * FROM ${t.name} WHERE ${col} = `)],
      [1, () => make(`SELECT ${col} FROM`)],
      [1, () => make(`SELECT 'unterminated`)],
      [6, () => this.damaged()],
    ])();
  }

  /** A valid statement with one token dropped, doubled, or a stray token inserted. */
  private damaged(): GeneratedStatement {
    const g = this.sg;
    const rng = g.rng;
    const base = rng.chance(0.6) ? g.sg.select() : rng.chance(0.5) ? g.insert() : g.update();
    const words = base.sql.split(' ');
    const i = rng.int(0, words.length - 1);
    const how = rng.int(0, 2);
    if (how === 0 && words.length > 1) words.splice(i, 1);
    else if (how === 1) words.splice(i, 0, words[i]!);
    else words.splice(i, 0, rng.pick(STRAY_TOKENS));
    // The damage may leave valid SQL (a doubled NOT, a dropped alias): then it is simply
    // compared as an ordinary statement, which is still a fair test (as a multiset; a LIMIT
    // whose ORDER BY was damaged away only fixes the row count).
    return { sql: words.join(' '), kind: 'error', order: { keys: null, offset: base.order.offset, limit: base.order.limit || base.order.offset } };
  }
}
