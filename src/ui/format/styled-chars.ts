// Ink builds every frame in a fresh grid of styled characters: each line it writes is cut into graphemes with
// Intl.Segmenter (tokenize), given a copy of its styles per character, and each screen line is turned back into
// text comparing the styles of every pair of neighbours through three Sets. At 140x40 that is several
// milliseconds a frame, redone for lines that did not change. The bundle (scripts/bundle.mjs) routes Ink's import
// of @alcalzone/ansi-tokenize through this module: the same answers (test/ui/styled-chars.test.ts holds them
// to the library's), with tokenized lines remembered across frames and neighbours that share their styles
// (most of them) joined without a diff.
import {
  ansiCodesToString,
  diffAnsiCodes,
  reduceAnsiCodesIncremental,
  tokenize as tokenizeUncached,
  type AnsiCode,
  type StyledChar,
  type Token,
} from '@alcalzone/ansi-tokenize';

export * from '@alcalzone/ansi-tokenize';

/** lines remembered; the whole cache is dropped past it (a screen holds a few dozen lines) */
const MAX_CACHED = 2000;
const tokensOf = new Map<string, Token[]>();
const charsOf = new WeakMap<Token[], StyledChar[]>();

/** The library's tokenize, remembered per line. The result is shared: do not mutate it. */
export function tokenize(str: string, endChar?: number): Token[] {
  if (endChar !== undefined) return tokenizeUncached(str, endChar);
  let tokens = tokensOf.get(str);
  if (tokens === undefined) {
    if (tokensOf.size >= MAX_CACHED) tokensOf.clear();
    tokens = tokenizeUncached(str);
    tokensOf.set(str, tokens);
  }
  return tokens;
}

/**
 * The library's styledCharsFromTokens, remembered per token list, with one styles array per run of characters
 * between two codes instead of a copy per character (Ink itself shares a character's styles with the padding
 * cells of wide characters: nothing writes to them).
 */
export function styledCharsFromTokens(tokens: Token[]): StyledChar[] {
  let chars = charsOf.get(tokens);
  if (chars !== undefined) return chars;
  chars = [];
  let codes: AnsiCode[] = [];
  let styles: AnsiCode[] | undefined;
  for (const token of tokens) {
    if (token.type === 'ansi') {
      codes = reduceAnsiCodesIncremental(codes, [token]);
      styles = undefined;
    } else if (token.type === 'char') {
      styles ??= [...codes];
      chars.push({ ...token, styles });
    }
  }
  charsOf.set(tokens, chars);
  return chars;
}

function sameStyles(a: readonly AnsiCode[], b: readonly AnsiCode[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.code !== b[i]!.code || a[i]!.endCode !== b[i]!.endCode) return false;
  return true;
}

/** The library's styledCharsToString: a character styled like the one before it needs no codes between them. */
export function styledCharsToString(chars: StyledChar[]): string {
  let ret = '';
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (i === 0) ret += ansiCodesToString(char.styles);
    else {
      const prev = chars[i - 1]!.styles;
      if (!sameStyles(prev, char.styles)) ret += ansiCodesToString(diffAnsiCodes(prev, char.styles));
    }
    ret += char.value;
    if (i === chars.length - 1 && char.styles.length > 0) ret += ansiCodesToString(diffAnsiCodes(char.styles, []));
  }
  return ret;
}
