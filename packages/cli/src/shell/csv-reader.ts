/**
 * CSV as `.import --csv` reads it (RFC 4180): fields separated by `sep`, records by LF or CRLF,
 * double-quoted fields may hold separators, newlines and "" for a quote. A final newline does
 * not start an empty record.
 */
export function parseCsv(text: string, sep = ','): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  const n = text.length;
  let fieldStarted = false;
  while (i < n) {
    const ch = text[i]!;
    if (ch === '"' && field === '' && !fieldStarted) {
      // Quoted field: runs to the next lone quote.
      i++;
      for (;;) {
        if (i >= n) break;
        const c = text[i]!;
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += c;
        i++;
      }
      fieldStarted = true;
      continue;
    }
    if (text.startsWith(sep, i)) {
      record.push(field);
      field = '';
      fieldStarted = false;
      i += sep.length;
      continue;
    }
    if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      fieldStarted = false;
      i += ch === '\r' ? 2 : 1;
      continue;
    }
    field += ch;
    fieldStarted = true;
    i++;
  }
  if (fieldStarted || field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
