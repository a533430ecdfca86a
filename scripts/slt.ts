/**
 * `pnpm slt [options] <file-or-dir>...`: the sqllogictest runner (packages/core/test/slt).
 * Options are described in packages/core/test/slt/cli-options.ts. Exits non-zero if any
 * record failed or no file was found.
 */
import { parseCliArgs, USAGE } from '../packages/core/test/slt/cli-options.js';
import { runAll } from '../packages/core/test/slt/run.js';

const config = parseCliArgs(process.argv.slice(2));
if ('error' in config) {
  console.error(`slt: ${config.error}\n${USAGE}`);
  process.exit(2);
}
try {
  const summary = await runAll(config);
  process.exitCode = summary.failed > 0 || summary.files === 0 ? 1 : 0;
} catch (e) {
  console.error(`slt: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 2;
}
