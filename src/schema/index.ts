export * from './record.js';
export { recordJsonSchema, SCHEMA_PATH } from './json-schema.js';
export { toSlug } from '../text/slug.js';
export { urlProblem } from '../text/urls.js';
