// Draws one line of styled segments, cut to the width (never wrapped). Colours only when enabled.
import React, { createContext, useContext } from 'react';
import { Text } from 'ink';
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

export function Line({ segs, width, pad, inverse, bold }: LineProps): React.JSX.Element {
  const color = useContext(ColorContext);
  const fitted = fitSegs(segs, width, pad);
  return (
    <Text wrap="truncate-end" inverse={inverse} bold={bold}>
      {fitted.length === 0
        ? ' '
        : fitted.map((s, i) => (
            <Text key={i} color={color ? s.color : undefined} bold={s.bold} dimColor={color ? s.dim : undefined} inverse={s.inverse} underline={s.underline}>
              {s.text}
            </Text>
          ))}
    </Text>
  );
}
