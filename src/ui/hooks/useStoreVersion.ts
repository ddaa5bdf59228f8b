// Re-renders on store changes, at most `fps` times a second (the pipeline may change thousands of times a second).
import { useEffect, useState } from 'react';
import type { TuiStore } from '../store.js';

export function useStoreVersion(store: TuiStore, fps = 30): number {
  const [version, setVersion] = useState(store.version);
  useEffect(() => {
    const minGap = 1000 / fps;
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      last = Date.now();
      setVersion(store.version);
    };
    const unsubscribe = store.subscribe(() => {
      if (timer) return;
      const wait = last + minGap - Date.now();
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    });
    flush();
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [store, fps]);
  return version;
}
