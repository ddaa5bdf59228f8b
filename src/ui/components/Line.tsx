// Draws one line of styled segments, cut to the width (never wrapped). Colours only when enabled.
// The segments are styled here, as one string, with the chalk Ink itself uses for <Text> (the same codes a
// <Text> per segment would produce): one React element per line instead of one per segment is most of the
// work of a frame, and the first frame is drawn with cold code.
import React, { createContext, useContext } from 'react';
import { Text } from 'ink';
import chalk from 'chalk';
import { fitSegs, type Seg } from '../format/segments.js';

/** false under NO_COLOR / --no-color: no colour at all, bold and inverse stay. */
export const ColorContext = createContext(true);

export interface LineProps {
  segs: readonly Seg[];
  width: number;
  /** pad to the full width (for highlighted rows) */
  pad?: boolean;
  inverse?: boolean;
  bold?: boolean;
}

/** One segment's text with its style, in the order Ink's <Text> applies them. */
export function styled(s: Seg, color: boolean): string {
  let t = s.text;
  if (color && s.dim) t = chalk.dim(t);
  if (color && s.color) t = chalk[s.color](t);
  if (s.bold) t = chalk.bold(t);
  if (s.underline) t = chalk.underline(t);
  if (s.inverse) t = chalk.inverse(t);
  return t;
}

export function Line({ segs, width, pad, inverse, bold }: LineProps): React.JSX.Element {
  const color = useContext(ColorContext);
  const fitted = fitSegs(segs, width, pad);
  let text = '';
  for (const s of fitted) text += styled(s, color);
  return (
    <Text wrap="truncate-end" inverse={inverse} bold={bold}>
      {text === '' ? ' ' : text}
    </Text>
  );
}
