/** The engine classes compat builds on, from `@minnow/core`. */
export { Connection, Statement as EngineStatement } from '@minnow/core';
