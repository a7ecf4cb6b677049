import { useLayoutEffect, useRef, useState } from 'react';

/**
 * Keeps an element at least as tall as it has ever been, so that a card does
 * not shrink and jump while the next page loads or when the last page is
 * shorter. Returns the ref to attach and the style to apply.
 */
export function useStableHeight<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [minHeight, setMinHeight] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const measure = () =>
      setMinHeight(previous =>
        Math.max(previous, element.getBoundingClientRect().height),
      );
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, style: minHeight ? { minHeight } : undefined };
}
