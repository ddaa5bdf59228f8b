import { describe, expect, it } from 'vitest';
import { isSecretHeader, maskHeaderValue, maskUrlSecrets, maskValue } from '../../src/util/secrets.js';

describe('isSecretHeader', () => {
  it('knows credential headers, API-key-like and token-like names, in any case', () => {
    for (const n of [
      'Cookie',
      'set-cookie',
      'AUTHORIZATION',
      'Proxy-Authorization',
      'x-api-key',
      'Api-Key',
      'apikey',
      'X-Api_Key',
      'X-Shop-Token',
      'x-access-token',
      'X-Client-Secret',
      'X-Session-Id',
      'X-Amz-Security-Token',
      'X-Signature',
      'X-Auth-User',
      'x-auth',
      'Private-Key',
      'X-Password',
      ' cookie ',
    ]) {
      expect(isSecretHeader(n), n).toBe(true);
    }
  });
  it('leaves ordinary headers alone', () => {
    for (const n of ['Accept', 'Content-Type', 'User-Agent', 'Host', ':authority', 'Author', 'X-Keyboard-Layout', 'Cache-Control', 'Referer', 'X-Request-Id']) {
      expect(isSecretHeader(n), n).toBe(false);
    }
  });
});

describe('maskValue', () => {
  it('keeps the scheme and the length, never the secret', () => {
    expect(maskValue('Bearer abc.def')).toBe('Bearer <masked: 7 chars>');
    expect(maskValue('basic dXNlcjpwYXNz')).toBe('basic <masked: 12 chars>');
    expect(maskValue('k-12345')).toBe('<masked: 7 chars>');
    expect(maskValue('é😀')).toBe('<masked: 2 chars>');
  });
  it('is printable ASCII whatever the input', () => {
    expect(maskValue('\u001b[31m\n\r')).toMatch(/^[\x20-\x7e]+$/);
  });
});

describe('maskHeaderValue', () => {
  it('keeps cookie names, masks their values', () => {
    expect(maskHeaderValue('Cookie', 'sid=abc; theme=dark;  x=1')).toBe('sid=<masked>; theme=<masked>; x=<masked>');
  });
  it('masks a cookie without names whole', () => {
    expect(maskHeaderValue('cookie', 'opaque')).toBe('<masked: 6 chars>');
  });
  it('returns other headers unchanged', () => {
    expect(maskHeaderValue('Accept', 'text/html')).toBe('text/html');
  });
});

describe('maskUrlSecrets', () => {
  it('masks passwords, token user names and secret query values; leaves the rest as written', () => {
    expect(maskUrlSecrets('https://u:pw@h.example/x?page=2&api_key=K1&pageToken=P')).toBe('https://u:MASKED@h.example/x?page=2&api_key=MASKED&pageToken=P');
    expect(maskUrlSecrets('https://ghp_0123456789abcdef@h.example/')).toBe('https://MASKED@h.example/');
    expect(maskUrlSecrets('https://deploy@h.example/a?b=c')).toBe('https://deploy@h.example/a?b=c');
    // a URL in parentheses keeps the closing one; a parenthesis inside a value is masked with it
    expect(maskUrlSecrets('upstream 1 (GET https://h.example/x?api_key=K1) answered')).toBe('upstream 1 (GET https://h.example/x?api_key=MASKED) answered');
    expect(maskUrlSecrets('https://h.example/x?token=a)b&c=1')).toBe('https://h.example/x?token=MASKED&c=1');
  });

  it('masks secrets in a URL %-encoded inside a value (a return URL), keeping its encoding', () => {
    const url = 'https://shop.example/login?next=%2Fcb%3Fstate%3Dok%26access_token%3DS3CRET%26x%3D1&lang=en';
    expect(maskUrlSecrets(url)).toBe('https://shop.example/login?next=%2Fcb%3Fstate%3Dok%26access_token%3DMASKED%26x%3D1&lang=en');
    expect(maskUrlSecrets('https://a.example/?r=https%3A%2F%2Fb.example%2F%3Ftoken%3DT0K3N')).toBe('https://a.example/?r=https%3A%2F%2Fb.example%2F%3Ftoken%3DMASKED');
    // a value that only holds an encoded '=' and no secret name is left alone
    expect(maskUrlSecrets('https://a.example/?q=a%3Db%26c%3Dd')).toBe('https://a.example/?q=a%3Db%26c%3Dd');
    // lower-case escapes too
    expect(maskUrlSecrets('/cb?next=%2fx%3fsig%3dabc')).toBe('/cb?next=%2fx%3fsig%3dMASKED');
  });
});

describe('maskTextSecrets: credentials written in free text', () => {
  it('masks scheme tokens, password/token/cookie pairs and JWTs in messages, and leaves ordinary text alone', async () => {
    const { maskTextSecrets } = await import('../../src/util/secrets.js');
    const m = maskTextSecrets('login with Authorization: Bearer SECRETMSGBEARER cookie=SECRETMSGCOOKIE password=SECRETMSGPASS');
    expect(m).toBe('login with Authorization: Bearer <masked: 15 chars> cookie=<masked> password=<masked>');
    expect(maskTextSecrets('INFO: calling with Authorization: Basic dXNlcjpwYXNzd29yZA==')).toBe('INFO: calling with Authorization: Basic <masked: 20 chars>');
    expect(maskTextSecrets('db_password: "hunter2x" api_key=AKIA1234567 session_id=abc123def')).toBe('db_password: "<masked>" api_key=<masked> session_id=<masked>');
    expect(maskTextSecrets('got eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U from idp')).toBe('got <masked JWT: 92 chars> from idp');
    // a URL's parameters keep the URL rules (a masked URL stays a URL); prose about tokens is left alone
    expect(maskTextSecrets('GET https://api.example.net/v1?token=abc123456&page=2')).toBe('GET https://api.example.net/v1?token=MASKED&page=2');
    // masked already (a header line): left as it is
    expect(maskTextSecrets('    Cookie: session=<masked>')).toBe('    Cookie: session=<masked>');
    // a cookie list written in a message (`cookie session=…; cart=…`): every value, the names kept
    expect(maskTextSecrets('sending cookie session=s%3AIPJWAEhQX.C-mGz8; cart=cd5a20bc8986 to cms')).toBe('sending cookie session=<masked>; cart=<masked> to cms');
    expect(maskTextSecrets('Cookie: sid=SECRETSID1; theme=dark')).toBe('Cookie: sid=<masked>; theme=<masked>');
    expect(maskTextSecrets('set-cookie sid=SECRETSID2; Path=/')).toBe('set-cookie sid=<masked>; Path=<masked>');
    // as JSON (a logged body, a message with a payload), JSON-escaped inside a JSON line, camelCase, and a scheme word kept
    expect(maskTextSecrets('payload {"user":"ann","password":"hunter2x","apiKey":"k-123456"}')).toBe('payload {"user":"ann","password":"<masked>","apiKey":"<masked>"}');
    expect(maskTextSecrets('{"msg":"got {\\"clientSecret\\":\\"cs-9876\\"}"}')).toBe('{"msg":"got {\\"clientSecret\\":\\"<masked>\\"}"}');
    expect(maskTextSecrets("{'x-shop-token': 'tok12345'}")).toBe("{'x-shop-token': '<masked>'}");
    expect(maskTextSecrets('sent Authorization: Token tk_12345678')).toBe('sent Authorization: Token <masked>');
    // API keys that name themselves by their prefix, anywhere in a message
    expect(maskTextSecrets('s3 upload with AKIAIOSFODNN7EXAMPLE failed; pushed with ghp_abcdefghijklmnopqrstuvwxyz0123456789')).toBe(
      's3 upload with <masked key: 20 chars> failed; pushed with <masked key: 40 chars>',
    );
    expect(maskTextSecrets('charge sk_live_51HabcdefghijklmnopQR declined, slack xoxb-123456789012-abcdefghijklmnop')).toBe('charge <masked key: 29 chars> declined, slack <masked key: 34 chars>');
    expect(maskTextSecrets('maps key AIzaSyA1234567890abcdefghijklmnopqrstuv')).toBe('maps key <masked key: 39 chars>');
    for (const plain of ['AKIA is the prefix of an AWS key', 'the sk_live_ prefix', 'ghp_short', 'missing Bearer token', 'token expired', 'the session ended', 'cookie consent shown', 'password reset requested for user 42', 'fetching product 42',
      'maxTokens: 4096', '{"pageToken":"abc123","tokenType":"bearer"}', 'passwordHash: 12ab', 'secretary: Jane', 'sessions: 5']) {
      expect(maskTextSecrets(plain), plain).toBe(plain);
    }
  });
});
