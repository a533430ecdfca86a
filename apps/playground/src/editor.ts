/**
 * The SQL editor: a textarea over a highlighted copy of its text (same font and metrics, so
 * they line up), Ctrl/Cmd-Enter to run, Tab to indent, and an error mark on the text.
 */
import { highlightSql } from './highlight.js';

export class SqlEditor {
  private mark: [number, number] | null = null;

  constructor(
    private readonly area: HTMLTextAreaElement,
    private readonly overlay: HTMLElement,
    onRun: () => void,
    onChange: (text: string) => void,
  ) {
    area.addEventListener('input', () => {
      this.mark = null;
      this.paint();
      onChange(area.value);
    });
    area.addEventListener('scroll', () => this.syncScroll());
    area.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        onRun();
      } else if (e.key === 'Tab' && !e.shiftKey) {
        e.preventDefault();
        area.setRangeText('  ', area.selectionStart, area.selectionEnd, 'end');
        area.dispatchEvent(new Event('input'));
      }
    });
  }

  get text(): string {
    return this.area.value;
  }

  set text(sql: string) {
    this.area.value = sql;
    this.mark = null;
    this.paint();
  }

  /** Underlines [from, to) as an error and puts the caret there. */
  markError(from: number, to: number): void {
    this.mark = [from, Math.max(to, from + 1)];
    this.paint();
    this.area.setSelectionRange(from, from);
  }

  focus(): void {
    this.area.focus();
  }

  private paint(): void {
    const [from, to] = this.mark ?? [-1, -1];
    this.overlay.innerHTML = highlightSql(this.area.value, from, to);
    this.syncScroll();
  }

  private syncScroll(): void {
    this.overlay.scrollTop = this.area.scrollTop;
    this.overlay.scrollLeft = this.area.scrollLeft;
  }
}
