/**
 * 'localtime' and 'utc' in a zone with daylight saving time (America/New_York), against
 * sql.js, whose localtime also comes from the JavaScript runtime: ordinary dates, both DST
 * transitions (the skipped and the repeated hour) and far past and future years.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FunctionOracle, prng } from '../../../test/function-oracle.js';

let oracle: FunctionOracle;
const savedTz = process.env.TZ;
beforeAll(async () => {
  process.env.TZ = 'America/New_York';
  oracle = await FunctionOracle.open();
});
afterAll(async () => {
  await oracle.close();
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('localtime and utc', () => {
  it('match SQLite in a DST zone', async () => {
    const times = ['2023-01-15 12:00:00', '2023-07-04 18:30:00', '2023-03-12 06:59:59', '2023-03-12 07:00:00', '2023-03-12 02:30:00', '2023-11-05 05:30:00',
      '2023-11-05 06:30:00', '2023-11-05 01:30:00', '1969-12-31 23:00:00', '1900-06-01 00:00:00', '2100-06-01 00:00:00', '0100-01-01 00:00:00'];
    const sql: string[] = times.map((t) => `SELECT datetime('${t}', 'localtime'), datetime('${t}', 'utc'), datetime('${t}', 'localtime', 'utc'), datetime('${t}', 'utc', 'localtime'), datetime('${t}', 'localtime', 'localtime')`);
    const rand = prng(41);
    for (let i = 0; i < 100; i++) {
      const jd = (2433282.5 + rand() * 36525).toFixed(6);
      sql.push(`SELECT datetime(${jd}, 'localtime'), datetime(${jd}, 'utc'), datetime(${jd}, 'start of day', 'utc'), strftime('%H:%M', ${jd}, 'localtime', 'start of month', 'utc')`);
    }
    expect(await oracle.check(sql)).toEqual([]);
  });
});
