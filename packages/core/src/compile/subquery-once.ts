/**
 * Telling a correlated subquery from one that is not: the subquery is compiled against a
 * probe of the enclosing scope that notes every look into its sources. Names resolve
 * innermost first, so the enclosing sources are consulted only for a name the subquery's own
 * FROM (or a nested scope) does not have: no look means nothing outside is referenced, and
 * the subquery's value is the same for every row of the enclosing query (SQLite evaluates
 * such a subquery once per run).
 */
import type { Scope } from './scope.js';

export interface ScopeProbe {
  readonly scope: Scope;
  /** Whether the subquery compiled so far looked into the enclosing scope. */
  correlated(): boolean;
}

export function probeScope(scope: Scope): ScopeProbe {
  let looked = false;
  // Same scope (methods, parent) with a watched `sources`.
  const probe = Object.create(scope) as Scope;
  Object.defineProperty(probe, 'sources', {
    get: () => {
      looked = true;
      return scope.sources;
    },
  });
  return { scope: probe, correlated: () => looked };
}
