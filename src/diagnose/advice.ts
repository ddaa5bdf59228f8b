// Plain-words meaning of upstream error codes and the troubleshooting guide's next steps.

export const ERROR_CODES: Record<string, string> = {
  ENOTFOUND: 'DNS lookup failed: the host name does not resolve',
  EAI_AGAIN: 'DNS lookup timed out (temporary DNS failure)',
  ECONNREFUSED: 'connection refused: nothing is listening on that host and port, or a firewall rejects it',
  ECONNRESET: 'the connection was reset by the other side: often a firewall or an origin that drops unknown clients',
  ETIMEDOUT: 'the connection timed out: the origin is blocked (firewall/allowlist) or down',
  ESOCKETTIMEDOUT: 'the socket timed out waiting for an answer: the origin is blocked or too slow',
  EHOSTUNREACH: 'the host is unreachable: routing or firewall',
  ENETUNREACH: 'the network is unreachable from the edge',
  EPIPE: 'the connection was closed while the request was being sent',
  CERT_HAS_EXPIRED: "TLS: the origin's certificate has expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS: the origin uses a self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS: a self-signed certificate is in the chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS: the certificate chain is incomplete (missing intermediate)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'TLS: the issuer of the certificate is not trusted',
  ERR_TLS_CERT_ALTNAME_INVALID: "TLS: the certificate does not cover the host name asked for (SNI / host header mismatch)",
  EPROTO: 'TLS/protocol error during the handshake',
};

/** What kind of failure an error code is, where the allowlist is not the first thing to check. */
export function codeKind(code: string): 'dns' | 'tls' | undefined {
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'dns';
  if (code === 'EPROTO' || /CERT|TLS|SSL/.test(code)) return 'tls';
  return undefined;
}

export function explainCode(code: string): string {
  if (ERROR_CODES[code]) return ERROR_CODES[code];
  if (/CERT|TLS|SSL/.test(code)) return 'TLS error: a certificate problem between the SSR code and the origin';
  return 'the request failed before an answer came';
}

export const NEXT = {
  allowlist:
    "Allowlist the platform's IP ranges on the origin (firewall / WAF / security group), then re-run the upstream call from your machine (copy as curl: `c`, re-run: `r`) to confirm.",
  rerun: 'Re-run the upstream call from your own machine: answered quickly => the origin blocks the edge (allowlist); fails or hangs => the request the SSR code builds is wrong.',
  backend: 'Check the backend: its logs for this request, its health, and the request the SSR code sent it (headers, auth, body).',
  ssrCode:
    'Look in the SSR code for a missing `await` or callback, an unhandled promise rejection or an exception thrown before the response was sent; read the application lines of this request.',
  slowBackend:
    'A backend call took most of the 20 s function timeout: check that backend\'s latency for this request (and set a timeout on the call shorter than the function\'s, so the SSR code can still answer).',
  sni: "Fix the SNI hint or host header of the origin in the edge's backend configuration so that it matches the origin's certificate.",
  upstreamConnection: "The edge could not connect to the origin: check the origin is up, reachable from the internet, and allowlists the platform's IP ranges.",
  timeout:
    'Only the access log saw this request: the server-log lines are missing (not exported, or still to come). Look at the SSR code and its backends around this time, or load the server logs for it.',
  notFound: 'Check the route exists in the SSR app (and in the edge routes); look at the referer for the broken link.',
  notFoundBackend: 'A backend answered 404 and the SSR code passed it on: check that the item it asked for exists in that backend (a deleted product, a stale link or cache).',
  error: 'Read the response and application lines for the cause; check the backend the SSR code called.',
  dns: 'The host name the SSR code calls does not resolve: check it (a typo, an unset environment variable, an internal-only name the edge cannot resolve) before allowlisting.',
  tls: "The TLS handshake to the backend failed: check the backend's certificate (expiry, full chain, the names it covers) against the host the SSR code calls.",
  pending: 'Wait: the request has no response row yet and lines can arrive up to 15 s late.',
} as const;
