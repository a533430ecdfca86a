/**
 * Instances kept alive only for their hidden classes.
 *
 * V8 holds the hidden classes (maps) of a class's instances weakly. When no instance of a
 * short-lived class survives a full GC (objects made and dropped inside one B-tree write, say),
 * its maps are collected, and every optimised function that had inlined code for them is
 * thrown away; the next statements run unoptimised until V8 optimises them again. The
 * benchmark harness runs a full GC before every timed run, so that cost lands in every run
 * (docs/PERFORMANCE.md, "GC-proof hidden classes"). One live instance per class prevents it.
 *
 * Anchors must hold no reference to a connection's state (pages, pager): they live forever.
 */
const anchors: object[] = [];

/** Keeps `instance` (and so its hidden class) alive for the life of the program. */
export function anchorHiddenClass<T extends object>(instance: T): T {
  anchors.push(instance);
  return instance;
}
