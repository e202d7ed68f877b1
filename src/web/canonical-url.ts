// One story, one URL: the same page reached through a share link, a campaign
// link or with its host in capitals is the same article.

/** Query parameters that say how a reader came to a page, not which page it is. */
const TRACKING_PARAMETERS = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'li_fat_id',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'ref_src',
  'cmpid',
  'ocid',
  'smid',
  'spm',
]);

const isTracking = (name: string) => {
  const lower = name.toLowerCase();
  return lower.startsWith('utm_') || TRACKING_PARAMETERS.has(lower);
};

/**
 * The canonical form of an http(s) URL: scheme and host in lower case (WHATWG URL
 * parsing does that, and writes international names in punycode), no default port,
 * no fragment, no tracking parameters, the other parameters in their order. Null
 * for a string that is not an http(s) URL.
 */
export function canonicalUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  url.username = '';
  url.password = '';
  if (url.hostname.endsWith('.')) url.hostname = url.hostname.slice(0, -1);
  const kept = [...url.searchParams].filter(([name]) => !isTracking(name));
  // An empty query ("?") is no query.
  if (kept.length === 0) url.search = '';
  else if (kept.length !== [...url.searchParams].length) url.search = new URLSearchParams(kept).toString();
  return url.toString();
}
