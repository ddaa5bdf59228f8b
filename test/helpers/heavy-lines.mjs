// One request of the platform's raw JSON log (level 100 then 101) carrying a random cookie of `cookieBytes`
// bytes (hex: twice as many characters) in both its request and its response headers: requests far bigger
// than usual, for the heap guard's tests.
import crypto from 'node:crypto';

/** @returns {[string, string]} */
export function heavyRequestLines(i, cookieBytes) {
  const id = `req-${i}`;
  const t = 1710147600000 + i * 10;
  const cookie = crypto.randomBytes(cookieBytes).toString('hex');
  return [
    `{"requestId":"${id}","level":100,"time":${t},"data":{"method":"GET","host":"a.example","path":"/p/${i}","headers":{"cookie":"${cookie}"}}}`,
    `{"requestId":"${id}","level":101,"time":${t + 5},"data":{"statusCode":200,"headers":{"set-cookie":"${cookie}"}}}`,
  ];
}
