/** Messages between the playground page and its storage worker. */
export type Request =
  | { id: number; kind: 'list' }
  | { id: number; kind: 'add'; body: string }
  | { id: number; kind: 'clear' }
  | { id: number; kind: 'export' };

export interface NoteRow {
  rowid: number;
  body: string;
  created: number;
}

export type Response =
  | { id: number; ok: true; rows?: NoteRow[]; bytes?: Uint8Array; storage: string; integrity: string }
  | { id: number; ok: false; error: string; code?: string };
