/**
 * Date and time functions against sql.js: parsing of every accepted time-value form, every
 * modifier, every strftime code, timediff, over fixed and generated dates (incl. leap years,
 * month ends, negative years, the range limits) and malformed inputs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FunctionOracle, prng } from '../../../test/function-oracle.js';

let oracle: FunctionOracle;
beforeAll(async () => {
  oracle = await FunctionOracle.open();
});
afterAll(async () => {
  await oracle.close();
});

const VALUES = ["'2023-01-01'", "'2024-02-29 13:45:10'", "'2023-01-31T23:59:59.999'", "'2000-03-01 00:00:00.5'", "'1970-01-01'", "'-0001-12-31 12:00'",
  "'9999-12-31 23:59:59'", "'0000-01-01'", "'-4713-11-24 12:00:00'", "'2023-06-15 10:00:00Z'", "'2023-06-15 10:00:00+05:30'", "'2023-06-15 10:00-08:00'",
  "'12:34'", "'12:34:56.7891'", "'24:00:00'", "'2023-1-1'", "'2023-13-01'", "'2023-02-31'", "'2023-01-01 25:00'", "'garbage'", "''", "' 2460000.25 '",
  '2460000.5', '0', '-1', '5373484.49', '5373484.5', '1700000000', "'1700000000'", 'NULL', "x'323032332d30312d3031'", "'2023-01-01 10:00:00  '", "'2023-01-01    10:00'"];

const MODIFIERS = ["'+1 day'", "'-1 days'", "'+1.5 days'", "'+25 hours'", "'-90 minutes'", "'+3600 seconds'", "'+0.001 seconds'", "'+1 month'", "'-1 month'",
  "'+13 months'", "'+1.5 months'", "'+1 year'", "'-2000 years'", "'+1.25 years'", "'start of month'", "'start of year'", "'start of day'", "'weekday 0'",
  "'weekday 3'", "'weekday 7'", "'weekday 1.5'", "'unixepoch'", "'julianday'", "'auto'", "'localtime'", "'utc'", "'subsec'", "'subsecond'", "'floor'",
  "'ceiling'", "'+01:30'", "'-12:00:30.5'", "'+0001-02-03'", "'-0000-01-00 12:00'", "'+1 fortnight'", "'+ 1 day'", "'1 DAY'", "'+1 Days'", "'+5373485 days'",
  "'  +1 day  '", 'NULL', "'+1e2 minutes'", "'+0001-13-00'"];

describe('date and time functions', () => {
  it('parse time values like SQLite', async () => {
    const sql = VALUES.map((v) => `SELECT date(${v}), time(${v}), datetime(${v}), julianday(${v}), unixepoch(${v}), datetime(${v}, 'subsec')`);
    expect(await oracle.check(sql)).toEqual([]);
  });

  it('apply each modifier like SQLite', async () => {
    const sql: string[] = [];
    for (const v of VALUES.slice(0, 14).concat(['2460000.5', '1700000000', '-1']))
      for (const m of MODIFIERS) sql.push(`SELECT datetime(${v}, ${m}), datetime(${v}, ${m}, 'subsec'), julianday(${v}, ${m})`);
    expect(await oracle.check(sql)).toEqual([]);
  });

  it('chain modifiers like SQLite', async () => {
    const sql = [
      "SELECT datetime('2023-01-31', '+1 month', 'floor'), datetime('2024-02-29', '+1 year', 'floor'), datetime('2024-02-29', '+1 year', 'ceiling')",
      "SELECT datetime('2023-01-31', '+1 month', '+1 day'), date('2023-03-31', '-1 month', 'floor'), date('2023-05-31', 'start of month', '+1 month', '-1 day')",
      "SELECT datetime(1700000000, 'unixepoch', 'localtime'), datetime(1700000000, 'unixepoch', 'utc'), datetime('2023-01-01', 'unixepoch')",
      "SELECT datetime(1700000000.5, 'unixepoch', 'subsec'), datetime(1700000000, '+1 day', 'unixepoch'), datetime(2460000, 'auto', 'auto')",
      "SELECT date('2023-06-15', 'weekday 0', '-7 days', 'weekday 1'), datetime('2023-06-15 12:00', 'start of day', '+36 hours')",
      "SELECT unixepoch('2023-01-01 00:00:00.123', 'subsec'), unixepoch('1969-12-31 23:59:59.5'), unixepoch('1969-12-31 23:59:59.5', 'subsec')",
      "SELECT datetime('2023-01-01', '+100000 days'), datetime('2023-01-01', '-1000000 days'), date('0000-01-01', '-1 day')",
    ];
    expect(await oracle.check(sql)).toEqual([]);
  });

  it('format every strftime code like SQLite', async () => {
    const codes = ['%d', '%e', '%f', '%F', '%G', '%g', '%H', '%I', '%j', '%J', '%k', '%l', '%m', '%M', '%p', '%P', '%R', '%s', '%S', '%T', '%u', '%U', '%V', '%w', '%W', '%Y', '%%', '%Q', '%', 'x%dy'];
    const rand = prng(3);
    const dates: string[] = [...VALUES.slice(0, 12)];
    for (let i = 0; i < 120; i++) {
      const jd = 1721059.5 + rand() * 2930000;
      dates.push(jd.toFixed(6));
    }
    const sql = dates.map((d) => `SELECT ${codes.map((c) => `strftime('${c}', ${d})`).join(', ')}, strftime('%s', ${d}, 'subsec')`);
    sql.push("SELECT strftime(NULL, '2023-01-01'), strftime('%Y'), strftime('%Y', NULL), strftime('')");
    expect(await oracle.check(sql)).toEqual([]);
  });

  it('computes timediff like SQLite', async () => {
    const rand = prng(5);
    const sql = ["SELECT timediff('2024-03-01', '2023-01-31 10:00:00.5'), timediff('2023-01-31', '2024-03-01 12:00'), timediff('2023-01-01', '2023-01-01')",
      "SELECT timediff('2024-02-29', '2023-02-28'), timediff(NULL, '2023-01-01'), timediff('x', '2023-01-01'), timediff('2023-03-31', '2023-02-28 23:00')"];
    for (let i = 0; i < 150; i++) {
      const a = 2440000.5 + rand() * 30000;
      const b = 2440000.5 + rand() * 30000;
      sql.push(`SELECT timediff(${a.toFixed(5)}, ${b.toFixed(5)}), timediff(${b.toFixed(3)}, ${a.toFixed(3)})`);
    }
    expect(await oracle.check(sql)).toEqual([]);
  });

  it('reads the clock once for a statement', async () => {
    const got = await oracle.actual("SELECT datetime('now') = datetime(), julianday('now') = julianday(), unixepoch() - unixepoch('now', 'utc'), current_timestamp = datetime('now')");
    expect(got).toBe('int:1 | int:1 | int:0 | int:1');
    const when = await oracle.actual("SELECT abs(unixepoch() - unixepoch('2026-01-01')) < 2e9");
    expect(when).toBe('int:1');
    // A later step reads the clock again.
    const first = await oracle.actual("SELECT unixepoch('now', 'subsec')");
    await new Promise((resolve) => setTimeout(resolve, 15));
    const second = await oracle.actual("SELECT unixepoch('now', 'subsec')");
    expect(second).not.toBe(first);
  });
});
