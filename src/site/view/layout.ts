import { paths } from '../../model/paths.js';
import { canonical, link, type PageContext } from './context.js';
import { jsonLd, type SafeHtml } from './safe-html.js';

/** What the layout needs around every page. */
export interface LayoutView {
  /** The language of the page. */
  lang: string;
  /** The page's title, with the site's name. */
  title: string;
  /** The site's name. */
  siteName: string;
  /** One line about the page, for search engines and cards. */
  description: string;
  /** The page's absolute URL. */
  canonical: string;
  /** The prefix that leads back to the site root. */
  root: string;
  /** The stylesheet's address. */
  stylesheet: string;
  /** The Atom feed's address. */
  feed: string;
  /** The Open Graph type (website, article). */
  ogType: string;
  /** Structured data for the page, escaped for a script block. */
  jsonLd: SafeHtml | undefined;
  /** The tool and version that made the page. */
  generator: string;
  /** The site's main links, with the current one marked. */
  nav: Array<{ label: string; href: string; current: boolean }>;
  /** Embeds drop the site's header, navigation and footer. */
  embed: boolean;
  /** The page's own content, already rendered. */
  body: SafeHtml;
}

const SITE_NAME = 'disclosed';

/** The layout around a page's body. */
export function layout(
  page: PageContext,
  body: SafeHtml,
  options: { title: string; description: string; ogType?: string; structured?: object; embed?: boolean },
): LayoutView {
  const nav = [
    { label: 'Timeline', path: paths.home },
    { label: 'Overview', path: paths.overview },
    { label: 'Organizations', path: paths.organizations },
    { label: 'Tags', path: paths.tags },
    { label: 'Reports', path: paths.reports },
  ];
  return {
    lang: page.site.locale,
    title: options.title === SITE_NAME ? SITE_NAME : `${options.title} · ${SITE_NAME}`,
    siteName: SITE_NAME,
    description: options.description,
    canonical: canonical(page),
    root: page.root,
    stylesheet: link(page, paths.stylesheet),
    feed: link(page, paths.feed),
    ogType: options.ogType ?? 'website',
    jsonLd: options.structured && jsonLd({ '@context': 'https://schema.org', ...options.structured }),
    generator: `disclosed ${page.site.version}`,
    nav: nav.map((n) => ({ label: n.label, href: link(page, n.path), current: n.path === page.path })),
    embed: options.embed === true,
    body,
  };
}
