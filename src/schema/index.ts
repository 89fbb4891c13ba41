export * from './record.js';
export { recordJsonSchema, SCHEMA_PATH } from './json-schema.js';
export { toSlug, urlProblem } from './fields.js';
