/**
 * The slice of the Origin Private File System API that OpfsStorage uses, typed structurally.
 * TypeScript's DOM library leaves out the worker-only `createSyncAccessHandle`, and the web
 * worker library cannot be loaded beside the DOM one; typing only what we call also lets the
 * tests run OpfsStorage over an in-memory fake.
 */

/** A FileSystemSyncAccessHandle: every call finishes inline. Available in dedicated workers. */
export interface OpfsSyncAccessHandle {
  /** Reads up to `buffer.length` bytes at `at`; returns how many (fewer past end of file). */
  read(buffer: Uint8Array, options: { at: number }): number;
  /** Writes at `at`, extending the file (with zeros over any gap); returns bytes written. */
  write(buffer: Uint8Array, options: { at: number }): number;
  truncate(newSizeBytes: number): void;
  getSize(): number;
  flush(): void;
  close(): void;
}

export interface OpfsFileHandle {
  /** Fails with NoModificationAllowedError while another handle on the file is open. */
  createSyncAccessHandle(): Promise<OpfsSyncAccessHandle>;
}

export interface OpfsDirectory {
  getFileHandle(name: string, options?: { create?: boolean }): Promise<OpfsFileHandle>;
  getDirectoryHandle(name: string, options?: { create?: boolean }): Promise<OpfsDirectory>;
  removeEntry(name: string, options?: { recursive?: boolean }): Promise<void>;
}
