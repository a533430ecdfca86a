/** The engines the runner can drive, by the name given to `--engine`. */
import type { SltEngine } from './engine.js';

export const ENGINE_NAMES = ['sqljs', 'minnow'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

export function isEngineName(name: string): name is EngineName {
  return (ENGINE_NAMES as readonly string[]).includes(name);
}

/** Loaded lazily so that running one engine never loads another (sql.js's wasm, say). */
export async function loadEngine(name: EngineName): Promise<SltEngine> {
  switch (name) {
    case 'sqljs':
      return (await import('./adapters/sqljs.js')).createSqlJsEngine();
    case 'minnow':
      return (await import('./adapters/minnow.js')).createMinnowEngine();
  }
}
