/**
 * Seek comparisons, as the VDBE's SeekGE/SeekGT/SeekLE/SeekLT and exact lookups use them:
 * position on the smallest entry >= / > the key, the largest entry <= / < it, or an entry
 * equal to it. For index keys "equal" means equal on the key's columns (a key with fewer
 * columns than the index matches every entry it is a prefix of).
 */
export type SeekOp = 'eq' | 'ge' | 'gt' | 'le' | 'lt';
