export { TreeWriter, recoverInterruptedSwap } from './swap-dir.js';
