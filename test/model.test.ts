import { describe, expect, it } from 'vitest';
import { headerOf, type HeaderList } from '../src/model.js';

describe('headerOf', () => {
  it('finds a header by name in any case, the first of duplicates, its value without surrounding white space', () => {
    const h: HeaderList = [['Accept', '*/*'], ['HOST', '  shop.example.com:8443 \t'], ['host', 'second.example'], ['Referer', 'https://a.example/']];
    expect(headerOf(h, 'host')).toBe('shop.example.com:8443');
    expect(headerOf(h, 'referer')).toBe('https://a.example/');
    expect(headerOf(h, 'cookie')).toBeUndefined();
    expect(headerOf([], 'host')).toBeUndefined();
  });
  it('reads a logged name with white space around it as that name, and keeps an empty value empty', () => {
    expect(headerOf([[' Host ', 'a.example']], 'host')).toBe('a.example');
    expect(headerOf([['Host', ' ']], 'host')).toBe('');
  });
});
