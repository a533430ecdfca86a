/**
 * The few host globals core may use. Core compiles without the DOM and Node typings (so a stray
 * `fs` or `window` fails to compile); these exist in every JS host we target.
 */
declare function setTimeout(callback: () => void, ms?: number): unknown;
declare function queueMicrotask(callback: () => void): void;
declare class TextEncoder {
  encode(input?: string): Uint8Array;
  encodeInto(input: string, dest: Uint8Array): { read: number; written: number };
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}
declare const console: { log(...a: unknown[]): void; warn(...a: unknown[]): void; error(...a: unknown[]): void };
