/**
 * A small identity set over an array that never gives its storage back.
 *
 * Statements add and remove the same few objects on every run (a cursor registers with its
 * tree, a statement with its connection's active set). A `Set` that empties shrinks its hash
 * table and grows a new one on the next add: two allocations per run of every statement,
 * measurable in a loop of single-row INSERTs. Here removal swaps the last element into the gap
 * and add reuses the slot. Order is not kept. Membership tests are linear, which suits the
 * handful of elements these sets hold.
 */
export class StableSet<T extends object> {
  private readonly items: (T | null)[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Element `i` (0 <= i < size), for index loops that must not allocate an iterator. */
  at(i: number): T {
    return this.items[i]!;
  }

  has(item: T): boolean {
    return this.indexOf(item) >= 0;
  }

  add(item: T): void {
    if (this.indexOf(item) >= 0) return;
    if (this.count < this.items.length) this.items[this.count] = item;
    else this.items.push(item);
    this.count++;
  }

  delete(item: T): boolean {
    const i = this.indexOf(item);
    if (i < 0) return false;
    const last = this.count - 1;
    this.items[i] = this.items[last]!;
    this.items[last] = null;
    this.count = last;
    return true;
  }

  clear(): void {
    for (let i = 0; i < this.count; i++) this.items[i] = null;
    this.count = 0;
  }

  private indexOf(item: T): number {
    const items = this.items;
    for (let i = 0; i < this.count; i++) if (items[i] === item) return i;
    return -1;
  }
}
