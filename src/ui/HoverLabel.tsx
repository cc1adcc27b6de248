import { useEffect, useRef } from 'react';
import { zoneSideLabel } from '../i18n/zones.ts';
import { useT } from '../state/localeStore.ts';
import { pointerTracker, useViewerStore } from '../state/viewerStore.ts';

/** The name of the zone under the pointer, following the pointer without re-rendering. */
export function HoverLabel() {
  const hovered = useViewerStore((s) => s.hovered);
  const el = useRef<HTMLDivElement>(null);
  const { locale } = useT();
  useEffect(
    () =>
      pointerTracker.subscribe((x, y) => {
        if (el.current) el.current.style.transform = `translate(${x + 14}px, ${y + 10}px)`;
      }),
    [],
  );
  return (
    <div ref={el} className="hover-label" hidden={!hovered} aria-hidden="true">
      {hovered ? zoneSideLabel(hovered.zone, hovered.side, locale) : ''}
    </div>
  );
}
