export { writeTreeAtomically, recoverInterruptedSwap } from './swap-dir.js';
export type { OutputFiles } from './swap-dir.js';
export { TreeWriter } from './swap-dir.js';
