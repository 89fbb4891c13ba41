import { paths } from '../../model/paths.js';
import { canonical, link, type PageContext } from './context.js';
import { jsonLd, type SafeHtml } from './safe-html.js';

/** What the layout needs around every page. */
export interface LayoutView {
  lang: string;
  title: string;
  siteName: string;
  description: string;
  canonical: string;
  root: string;
  stylesheet: string;
  feed: string;
  ogType: string;
  jsonLd: SafeHtml | undefined;
  generator: string;
  nav: Array<{ label: string; href: string; current: boolean }>;
  /** Embeds drop the site's header, navigation and footer. */
  embed: boolean;
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
