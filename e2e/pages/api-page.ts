/**
 * The API test page (api.html, and csp.html served with a strict Content-Security-Policy):
 * exposes `@minnow/web` as `window.minnow` so tests drive it with page.evaluate, and records
 * CSP violations so a test can tell the page ran without any.
 */
import * as minnow from '@minnow/web';

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective}: ${e.blockedURI}`));
(window as unknown as { minnow: typeof minnow; cspViolations: string[] }).minnow = minnow;
(window as unknown as { cspViolations: string[] }).cspViolations = violations;
// Whether this page's policy forbids eval (so the CSP test knows the policy is in force).
let evalBlocked = false;
try {
  new Function('return 1')();
} catch {
  evalBlocked = true;
}
(window as unknown as { cspEvalBlocked: boolean }).cspEvalBlocked = evalBlocked;
document.documentElement.dataset['ready'] = 'true';
