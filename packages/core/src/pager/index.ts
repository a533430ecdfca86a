export { Page } from './page.js';
export type { PagerApi } from './pager-api.js';
export { Pager, DEFAULT_AUTO_CHECKPOINT_FRAMES } from './pager.js';
export { newDatabasePage1 } from './new-database.js';
export { walNameFor, journalNameFor, type JournalMode, type PagerOptions } from './pager-open.js';
export { DEFAULT_CACHE_SIZE_PAGES } from './page-cache.js';
