// Seeded randomness and the pools of realistic values the log generator draws from.
// Everything here is deterministic for a seed: no Date.now(), no Math.random().

/** mulberry32: small, fast, good enough for test data. Returns floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEX = '0123456789abcdef';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Helpers bound to one PRNG. */
export function makeRng(seed) {
  const next = mulberry32(seed);
  const r = {
    next,
    /** integer in [lo, hi] */
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    /** weighted pick from [[value, weight], ...] */
    weighted: (pairs) => {
      let total = 0;
      for (const [, w] of pairs) total += w;
      let x = next() * total;
      for (const [v, w] of pairs) {
        x -= w;
        if (x < 0) return v;
      }
      return pairs[pairs.length - 1][0];
    },
    hex: (n) => {
      let s = '';
      while (s.length < n) s += ((next() * 4294967296) >>> 0).toString(16).padStart(8, '0');
      return s.length === n ? s : s.slice(0, n);
    },
    b64url: (n) => {
      let s = '';
      for (let i = 0; i < n; i++) s += B64[(next() * 64) | 0];
      return s;
    },
    uuid: () => {
      const h = r.hex(32);
      const v = HEX[8 + ((next() * 4) | 0)];
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${v}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
    /** exponential with the given mean */
    exp: (mean) => -Math.log(1 - next()) * mean,
  };
  return r;
}

export const SITES = ['shop.example.com', 'www.example-store.com', 'docs.example.org', 'news.example.net'];
export const PAGES = [
  '/',
  '/p/{n}',
  '/c/shoes?page={d}',
  '/c/outdoor/jackets',
  '/_next/data/Bx81Kq2Lm/p/{n}.json',
  '/_next/data/Bx81Kq2Lm/c/shoes.json?page={d}',
  '/search?q=red+shoes&sort=price',
  '/api/cart',
  '/account/orders',
  '/blog/{slug}',
  '/en-gb/p/{n}?variant={d}',
];
export const MISSING_PAGES = ['/p/{n}', '/blog/{slug}', '/wp-login.php', '/robots.txt.bak', '/.env', '/old-sale-2019', '/c/discontinued/{n}'];
export const SLUGS = ['summer-sale', 'how-we-ship', 'new-arrivals', 'care-guide', 'sizing-help', 'store-opening'];
export const BACKENDS = [
  { host: 'api.example.net', port: 443, protocol: 'https:', paths: ['/v1/products/{n}', '/v1/pages/p/{n}', '/v1/categories/{d}', '/v2/search?q=red%20shoes'] },
  { host: 'cms.example.org', port: 443, protocol: 'https:', paths: ['/content/pages/{slug}', '/graphql', '/content/menu?locale=en-GB'] },
  { host: 'inventory.internal.example.net', port: 8443, protocol: 'https:', paths: ['/stock/{n}', '/stock/batch'] },
  { host: '192.192.1.1', port: 80, protocol: 'http:', paths: ['/', '/health', '/prices/{n}'] },
  { host: 'reviews.example.com', port: 443, protocol: 'https:', paths: ['/api/reviews?product={n}&limit=5'] },
];
export const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0',
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
];
export const FETCH_AGENTS = ['node-fetch/1.0 (+https://github.com/bitinn/node-fetch)', 'undici', 'axios/1.6.7', 'got (https://github.com/sindresorhus/got)'];
export const ACCEPT_ENCODINGS = ['gzip, deflate, br', 'gzip,deflate', 'br', 'gzip, deflate, br, zstd'];

export const REASONS = {
  200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 410: 'Gone', 429: 'Too Many Requests',
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
  531: 'Project Upstream Connection Error', 539: 'Project Timeout',
};

/** Upstream failures with an error code (raw server JSON level 103 `code` / `error`). */
export const FAILURES = [
  { code: 'ECONNREFUSED', error: (h, p) => `connect ECONNREFUSED ${ipFor(h)}:${p}` },
  { code: 'ETIMEDOUT', error: (h, p) => `connect ETIMEDOUT ${ipFor(h)}:${p}` },
  { code: 'ENOTFOUND', error: (h) => `getaddrinfo ENOTFOUND ${h}` },
  { code: 'ERR_TLS_CERT_ALTNAME_INVALID', error: (h) => `Hostname/IP does not match certificate's altnames: Host: ${h}. is not in the cert's altnames: DNS:*.origin-cdn.example` },
];

function ipFor(host) {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return host;
  let h = 0;
  for (const c of host) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `10.${(h >> 16) & 255}.${(h >> 8) & 255}.${h & 255}`;
}

/** What the SSR code prints before it dies (ssr-code-error). */
export const CRASHES = [
  ["TypeError: Cannot read properties of undefined (reading 'map')", '    at ProductList (/var/task/.next/server/pages/c/[slug].js:1:4821)', '    at renderWithHooks (/var/task/node_modules/react-dom/cjs/react-dom-server.node.production.min.js:71:104)'],
  ["TypeError: Cannot read properties of null (reading 'price')", '    at getServerSideProps (/var/task/.next/server/pages/p/[id].js:1:2290)'],
  ['ReferenceError: window is not defined', '    at Object.<anonymous> (/var/task/.next/server/chunks/412.js:1:977)'],
  ['Unhandled promise rejection: Error: fetch failed', '    at async getStaticProps (/var/task/.next/server/pages/blog/[slug].js:1:1630)'],
  ['RangeError: Maximum call stack size exceeded'],
];
/** Lines an app prints while working, fine or slow. */
export const CHATTER = [
  'fetching product {n}',
  'fetching category {d}',
  'cache miss for page /p/{n}',
  'rendering page with 24 items',
  'using locale en-GB',
  'A/B bucket: checkout-v2',
  'getServerSideProps took 312ms',
  'waiting for inventory service',
];
export const WARNINGS = ['slow upstream response (1843ms)', 'retrying request to api.example.net (attempt 2)', 'feature flag service unavailable, using defaults'];
