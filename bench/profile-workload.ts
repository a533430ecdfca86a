/**
 * `node --import tsx bench/profile-workload.ts <workload id> [runs] [engine] [out.cpuprofile]`:
 * profiles only the timed part of one workload on one engine (default Minnow), so setup (table
 * fills, schema) does not drown the workload in the profile. Prints the functions with the most
 * self time and, when given a path, writes the .cpuprofile for Chrome DevTools.
 *
 * A developer tool for engine tuning, not part of `pnpm bench`.
 */
import { writeFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { Session, type Profiler } from 'node:inspector';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_ENGINES } from './engines/engine-list.js';
import { WORKLOADS } from './workloads/workload-list.js';

const TOP_FUNCTIONS = 30;

function post<T>(session: Session, method: string): Promise<T> {
  return new Promise((resolve, reject) => {
    session.post(method, (err, result) => (err === null ? resolve(result as T) : reject(err)));
  });
}

function selfTimes(profile: Profiler.Profile): [string, number][] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const deltas = profile.timeDeltas ?? [];
  const samples = profile.samples ?? [];
  const self = new Map<string, number>();
  for (let i = 0; i < samples.length; i++) {
    const node = byId.get(samples[i]!);
    if (node === undefined) continue;
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}`;
    self.set(key, (self.get(key) ?? 0) + (deltas[i] ?? 0));
  }
  return [...self].sort((a, b) => b[1] - a[1]);
}

async function main(): Promise<void> {
  const [idText = '4', runsText = '5', engineId = 'minnow', outPath] = process.argv.slice(2);
  const workload = WORKLOADS.find((w) => w.id === Number(idText));
  if (workload === undefined) throw new Error(`no workload ${idText}`);
  const engine = ALL_ENGINES.find((e) => e.id === engineId);
  if (engine === undefined) throw new Error(`no engine ${engineId}`);
  const availability = await engine.available();
  if (!availability.available) throw new Error(`${engineId}: ${availability.reason}`);
  const tempDir = mkdtempSync(join(tmpdir(), 'minnow-profile-'));
  const session = new Session();
  session.connect();
  try {
    const ws = workload.setup(engine, { tempDir, synchronous: 'FULL', scale: 1 });
    ws.beforeRun?.();
    ws.run(); // warm-up
    ws.afterRun?.();
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.start');
    const times: number[] = [];
    const cpuTimes: number[] = [];
    for (let i = 0; i < Number(runsText); i++) {
      ws.beforeRun?.();
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      ws.run();
      const c1 = process.cpuUsage(c0);
      times.push(performance.now() - t0);
      cpuTimes.push((c1.user + c1.system) / 1000);
      ws.afterRun?.();
    }
    const { profile } = await post<{ profile: Profiler.Profile }>(session, 'Profiler.stop');
    ws.dispose();
    // CPU time as well as wall time: on a shared machine the wall time includes waiting for a core.
    console.log(`workload ${workload.id} on ${engineId}: ${times.map((t) => t.toFixed(1)).join(', ')} ms`);
    console.log(`  cpu: ${cpuTimes.map((t) => t.toFixed(1)).join(', ')} ms`);
    const ranked = selfTimes(profile);
    const total = ranked.reduce((s, [, t]) => s + t, 0);
    for (const [name, t] of ranked.slice(0, TOP_FUNCTIONS)) {
      console.log(`${(t / 1000).toFixed(1).padStart(8)} ms ${((100 * t) / total).toFixed(1).padStart(5)}%  ${name}`);
    }
    if (outPath !== undefined) writeFileSync(outPath, JSON.stringify(profile));
  } finally {
    session.disconnect();
    rmSync(tempDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
