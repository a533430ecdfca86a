/**
 * Scenarios the worker can run, by name. Each is loaded on demand (its own chunk), takes
 * structured-cloneable args and returns a structured-cloneable result; it throws to fail.
 * A scenario must close every file it opened before it returns: the worker is terminated
 * right after, and OPFS keeps a file locked until its handle is closed.
 */
export type Scenario = (args: unknown) => Promise<unknown>;

const scenarios: Record<string, () => Promise<Scenario>> = {
  'opfs-contract': () => import('./opfs-contract.scenario.js').then((m) => m.runContract),
  'opfs-persist-write': () => import('./opfs-persist.scenario.js').then((m) => m.writeFile),
  'opfs-persist-read': () => import('./opfs-persist.scenario.js').then((m) => m.readFile),
  'btree-persist-write': () => import('./btree-persist.scenario.js').then((m) => m.writeDatabase),
  'btree-persist-read': () => import('./btree-persist.scenario.js').then((m) => m.readDatabase),
  'btree-export': () => import('./btree-persist.scenario.js').then((m) => m.exportDatabase),
  'idb-contract': () => import('./idb-contract.scenario.js').then((m) => m.runContract),
};

export async function loadScenario(name: string): Promise<Scenario> {
  const load = scenarios[name];
  if (load === undefined) throw new Error(`no scenario named ${name}; known: ${Object.keys(scenarios).join(', ')}`);
  return load();
}
