// Ink's useInput, with each key's bytes read too (state/keys.ts refineKey: Backspace or Delete, Ctrl+← or Esc ←).
import { useEffect, useRef } from 'react';
import { useInput, useStdin } from 'ink';
import { refineKey, type KeyInfo } from '../state/keys.js';

export function useKeys(handler: (input: string, key: KeyInfo) => void): void {
  const { internal_eventEmitter: events } = useStdin();
  const raw = useRef<string | undefined>(undefined);
  // registered before useInput's listener, which Ink adds again on every render: this one hears each key first
  useEffect(() => {
    const hear = (data: string) => {
      raw.current = data;
    };
    events?.on('input', hear);
    return () => {
      events?.off('input', hear);
    };
  }, [events]);
  useInput((input, key) => {
    const bytes = raw.current;
    raw.current = undefined;
    handler(input, refineKey(key, bytes));
  });
}
