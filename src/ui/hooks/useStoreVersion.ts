// Re-renders on store changes, at most `fps` times a second (the pipeline may change thousands of times a
// second); while a file is being loaded in bulk, 5 frames a second are plenty for the progress bar, and every
// frame spared is time for reading (a frame walks the retained groups and makes garbage).
import { useEffect, useState } from 'react';
import type { TuiStore } from '../store.js';

export const LOADING_FPS = 5;

export function useStoreVersion(store: TuiStore, fps = 30): number {
  const [version, setVersion] = useState(store.version);
  useEffect(() => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      last = Date.now();
      setVersion(store.version);
    };
    const unsubscribe = store.subscribe(() => {
      if (timer) return;
      const minGap = 1000 / (store.isLoading ? Math.min(fps, LOADING_FPS) : fps);
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
