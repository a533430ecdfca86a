/**
 * Window definitions, the inside of `OVER ( ... )` and of `WINDOW name AS ( ... )`:
 *
 *   [base-window] [PARTITION BY exprs] [ORDER BY sortlist] [frame]
 *   frame  := (ROWS|RANGE|GROUPS) (start | BETWEEN start AND end) [EXCLUDE ...]
 *   start  := UNBOUNDED PRECEDING | CURRENT ROW | expr PRECEDING | expr FOLLOWING
 *   end    := UNBOUNDED FOLLOWING | CURRENT ROW | expr PRECEDING | expr FOLLOWING
 *
 * The frame combinations SQLite rejects with "unsupported frame specification" (a start after
 * the end) are rejected here; checks that need values (non-negative offsets) are the compiler's.
 */

import type { FrameBound, WindowFrame, WindowSpec } from './ast-expr.js';
import { parseExpr } from './expr-parser.js';
import { parseExprList, parseSortList } from './list-parser.js';
import type { ParserState } from './parser-state.js';

function isFrameUnit(t: string): t is 'ROWS' | 'RANGE' | 'GROUPS' {
  return t === 'ROWS' || t === 'RANGE' || t === 'GROUPS';
}

export function parseWindowSpec(p: ParserState): WindowSpec {
  let base: string | null = null;
  const t = p.tok.type;
  if (p.isNm() && t !== 'PARTITION' && !isFrameUnit(t)) base = p.expectNm();
  let partitionBy = null;
  if (p.accept('PARTITION')) {
    p.expect('BY');
    partitionBy = parseExprList(p);
  }
  let orderBy = null;
  if (p.accept('ORDER')) {
    p.expect('BY');
    orderBy = parseSortList(p);
  }
  const frame = isFrameUnit(p.tok.type) ? parseFrame(p) : null;
  return { kind: 'windowSpec', base, partitionBy, orderBy, frame };
}

function parseFrame(p: ParserState): WindowFrame {
  const units = p.advance().type as WindowFrame['units'];
  let start: FrameBound;
  let end: FrameBound;
  if (p.accept('BETWEEN')) {
    start = parseBound(p, true);
    p.expect('AND');
    end = parseBound(p, false);
  } else {
    start = parseBound(p, true);
    end = { kind: 'currentRow' };
  }
  let exclude: WindowFrame['exclude'] = null;
  if (p.accept('EXCLUDE')) {
    if (p.accept('NO')) {
      p.expect('OTHERS');
      exclude = 'NO OTHERS';
    } else if (p.accept('CURRENT')) {
      p.expect('ROW');
      exclude = 'CURRENT ROW';
    } else if (p.accept('GROUP')) {
      exclude = 'GROUP';
    } else if (p.accept('TIES')) {
      exclude = 'TIES';
    } else {
      throw p.syntaxError();
    }
  }
  const s = start.kind;
  const e = end.kind;
  if ((s === 'currentRow' && e === 'preceding') || (s === 'following' && (e === 'preceding' || e === 'currentRow'))) {
    p.deferError('unsupported frame specification');
  }
  return { units, start, end, exclude };
}

function parseBound(p: ParserState, isStart: boolean): FrameBound {
  if (p.accept('UNBOUNDED')) {
    p.expect(isStart ? 'PRECEDING' : 'FOLLOWING');
    return { kind: isStart ? 'unboundedPreceding' : 'unboundedFollowing' };
  }
  if (p.accept('CURRENT')) {
    p.expect('ROW');
    return { kind: 'currentRow' };
  }
  const offset = parseExpr(p);
  if (p.accept('PRECEDING')) return { kind: 'preceding', offset };
  if (p.accept('FOLLOWING')) return { kind: 'following', offset };
  throw p.syntaxError();
}
