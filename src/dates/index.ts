export { parseDate, toRecordDate, DATE_SYNTAX, DATE_FORMS } from './parse.js';
export type { RecordDate, Precision, DateResult } from './parse.js';
export { isBefore, isAfter, compareDates, sortDates, isFuture } from './compare.js';
export { formatDate, machineDate } from './format.js';
export { resolveNow } from './now.js';
export { lagBetween, describeLag } from './lag.js';
export type { Lag } from './lag.js';
