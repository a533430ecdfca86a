/**
 * Browser storages share one underlying object per file name among all the opens of it (OPFS:
 * a sync access handle, which the browser grants only once per file; IndexedDB: the file's
 * in-memory block state, so every open sees the same unsynced writes). The object is obtained
 * asynchronously, so a second open of the same name while the first is still pending joins it.
 */

/** One name's shared open: the promise of the object, the object once it has come, the opens. */
export interface SharedOpen<T> {
  readonly ready: Promise<T>;
  value: T | null;
  refs: number;
}

/**
 * Registers the first open of `name`: the entry records the object when it comes, and is
 * forgotten if opening fails (so a later open tries afresh).
 */
export function startSharedOpen<T>(entries: Map<string, SharedOpen<T>>, name: string, ready: Promise<T>): SharedOpen<T> {
  const entry: SharedOpen<T> = { ready, value: null, refs: 1 };
  entries.set(name, entry);
  // Registered before the opener's own callbacks, so it runs first.
  ready.then(
    (value) => {
      entry.value = value;
    },
    () => {
      if (entries.get(name) === entry) entries.delete(name);
    },
  );
  return entry;
}
