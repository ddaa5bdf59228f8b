// FNV-1a over a string's UTF-16 code units: a cheap, stable 32-bit hash (the same in every thread).
export function fnv1a(text: string): number {
  let a = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) a = Math.imul(a ^ text.charCodeAt(i), 0x01000193);
  return a >>> 0;
}
