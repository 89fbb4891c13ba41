/** What the format accepts as a source's URL, and the form pages link it in. */

/** Why a URL is not an absolute http(s) URL with a host and no credentials, or undefined. */
export function urlProblem(input: string): string | undefined {
  if (!URL.canParse(input)) return `"${input}" is not an absolute URL; write it in full, starting with https://`;
  const url = new URL(input);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `URLs must use http or https, not ${url.protocol.slice(0, -1)}`;
  }
  if (url.hostname === '') return `"${input}" has no host`;
  if (url.username !== '' || url.password !== '') return 'URLs may not carry a user name or password';
  return undefined;
}

/** A valid record URL in the form browsers serialize it (quotes and brackets percent-encoded). */
export function normalizeUrl(input: string): string {
  return new URL(input).href;
}
