import type { DateTime } from 'luxon';
import type { ModelRecord } from '../../model/normalize.js';
import { absolute, rootFrom } from '../../model/paths.js';

/** What every page of one build shares. */
export interface SiteContext {
  /** Every record, sorted by id. */
  records: readonly ModelRecord[];
  /** Records by id. */
  byId: ReadonlyMap<string, ModelRecord>;
  /** The locale dates and numbers are formatted in. */
  locale: string;
  /** The site's published address, for canonical URLs, feeds and embeds. */
  baseUrl: string;
  /** The build's clock. */
  now: DateTime;
  /** The tool's version, for the generator tag. */
  version: string;
}

/** One page being rendered: where it is, and how it links back to the root. */
export interface PageContext {
  /** The whole build. */
  site: SiteContext;
  /** The page's site-relative path (`records/x/`). */
  path: string;
  /** The prefix from this page to the site root (`../../`). */
  root: string;
}

/** The context of the page at `path`. */
export function pageAt(site: SiteContext, path: string): PageContext {
  return { site, path, root: rootFrom(path) };
}

/** A link from the page to a site path. */
export function link(page: PageContext, sitePath: string): string {
  return page.root + sitePath;
}

/** The absolute URL of a site path. */
export function canonical(page: PageContext, sitePath = page.path): string {
  return absolute(page.site.baseUrl, sitePath);
}
