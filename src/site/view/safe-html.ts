import { HandlebarsRuntime } from '../handlebars.js';

/**
 * HTML that the build made safe itself (sanitized Markdown, SVG it drew, escaped JSON-LD).
 * Handlebars prints it as is with `{{value}}`, so templates never need the triple-stash and
 * anything a record supplies as plain text is always escaped.
 */
export class SafeHtml extends HandlebarsRuntime.SafeString {}

/** JSON for a `<script type="application/ld+json">` block: `<` is escaped so no `</script>` breaks out. */
export function jsonLd(value: unknown): SafeHtml {
  return new SafeHtml(JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026'));
}
