import { toSlug } from '../schema/fields.js';

/**
 * The site's URL scheme, in one place. Every path is site-relative, ends in `/` for pages,
 * and needs no query string, so filtered views are plain links that work without JavaScript.
 */
export const paths = {
  home: '',
  record: (id: string) => `records/${id}/`,
  recordFile: (id: string, ext: 'yaml' | 'json') => `records/${id}/${id}.${ext}`,
  embed: (id: string) => `records/${id}/embed.html`,
  organizations: 'organizations/',
  organization: (name: string) => `organizations/${toSlug(name) || 'unnamed'}/`,
  tags: 'tags/',
  tag: (tag: string) => `tags/${tag}/`,
  kind: (kind: string) => `kinds/${kind}/`,
  eventType: (type: string) => `event-types/${type}/`,
  overview: 'overview/',
  reports: 'reports/',
  stylesheet: 'assets/style.css',
  feed: 'feed.xml',
  records: 'data/records.json',
  events: 'data/events.csv',
  schema: 'schema/record.schema.json',
} as const;

/** The file that holds a page: `records/x/` is written as `records/x/index.html`. */
export function fileOf(pagePath: string): string {
  return pagePath === '' || pagePath.endsWith('/') ? `${pagePath}index.html` : pagePath;
}

/** The prefix that leads from a page back to the site root: `../../` from `records/x/`. */
export function rootFrom(pagePath: string): string {
  const depth = fileOf(pagePath).split('/').length - 1;
  return depth === 0 ? './' : '../'.repeat(depth);
}

/** An absolute URL under the site's base URL. */
export function absolute(baseUrl: string, sitePath: string): string {
  return new URL(sitePath, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).href;
}
