import { useEffect, useRef } from 'react';
import { FOOT_ZONES, LIMB_ZONES } from '../content/zoneCatalogue.ts';
import type { ScreenCue } from '../domain/orientation.ts';
import { useCurrentStep } from '../state/currentStep.ts';
import { useT } from '../state/localeStore.ts';
import { orientationTracker, type OrientationNow } from '../state/orientationCue.ts';
import { useViewerStore } from '../state/viewerStore.ts';
import './orientation.css';

/** Radius of the arrows and of their words, in the cue's 100 × 100 box. */
const ARROW_R = 30;
const WORD_R = 40;

/** Places one arrow and its word for `cue` (hidden for none). */
function place(
  arrow: SVGGElement | null,
  word: HTMLSpanElement | null,
  cue: ScreenCue | null,
  words: { readonly plain: string; readonly toward: string; readonly away: string },
): void {
  if (!arrow || !word) return;
  arrow.style.display = cue && cue.along === null ? '' : 'none';
  word.hidden = cue === null;
  if (!cue) return;
  if (cue.along !== null) {
    // Along the line of sight: no arrow, the words say which way.
    word.textContent = cue.along === 'toward' ? words.toward : words.away;
    word.style.left = '50%';
    word.style.top = '50%';
    return;
  }
  arrow.setAttribute('transform', `rotate(${String(cue.angle)} 50 50)`);
  const a = (cue.angle * Math.PI) / 180;
  word.textContent = words.plain;
  word.style.left = `${String(50 + WORD_R * Math.sin(a))}%`;
  word.style.top = `${String(50 - WORD_R * Math.cos(a))}%`;
}

/**
 * A small compass over the 3D view: an arrow to the head and one to the toes as the screen shows
 * them now, and which foot is worked on, so that a close-up of a heel or of a back cannot be read
 * upside down or as the other foot. Redraws itself from the view's frame loop
 * (`orientationTracker`), never through React state. A visual aid: the step's words say the same
 * for a screen reader.
 */
export function OrientationCue() {
  const { t } = useT();
  const current = useCurrentStep();
  const chosen = useViewerStore((s) => s.side);
  const box = useRef<HTMLDivElement>(null);
  const headArrow = useRef<SVGGElement>(null);
  const toesArrow = useRef<SVGGElement>(null);
  const headWord = useRef<HTMLSpanElement>(null);
  const toesWord = useRef<HTMLSpanElement>(null);
  const head = t('ui.orient.head');
  const toes = t('ui.orient.toes');
  const toward = t('ui.orient.headToward');
  const away = t('ui.orient.headAway');

  useEffect(() => {
    const draw = (now: OrientationNow) => {
      if (box.current) box.current.hidden = now.head === null;
      place(headArrow.current, headWord.current, now.head, { plain: head, toward, away });
      // The toes along the line of sight: the arrow alone would mislead, and the head says enough.
      place(toesArrow.current, toesWord.current, now.toes?.along === null ? now.toes : null, {
        plain: toes,
        toward: toes,
        away: toes,
      });
    };
    draw(orientationTracker.current());
    return orientationTracker.subscribe(draw);
  }, [head, toes, toward, away]);

  // Which foot: for a step on a foot or a leg (the one shown), or the foot chosen for the views;
  // not for a step on the back.
  const onLimb = current?.step.zones.some((z) => FOOT_ZONES.has(z) || LIMB_ZONES.has(z)) ?? true;
  const side = onLimb ? (current?.side ?? chosen) : null;
  return (
    <div ref={box} className="orient-cue" aria-hidden="true" hidden>
      <div className="orient-dial">
        <svg viewBox="0 0 100 100" width="100%" height="100%">
          <circle cx="50" cy="50" r="47" className="orient-ring" />
          <g ref={toesArrow} className="orient-toes">
            <line x1="50" y1="50" x2="50" y2={50 - ARROW_R} />
            <path d={`M50 ${String(50 - ARROW_R - 7)} l-6 9 h12 z`} />
          </g>
          <g ref={headArrow} className="orient-head">
            <line x1="50" y1="50" x2="50" y2={50 - ARROW_R} />
            <path d={`M50 ${String(50 - ARROW_R - 7)} l-6 9 h12 z`} />
          </g>
          <circle cx="50" cy="50" r="3.5" className="orient-hub" />
        </svg>
        <span ref={headWord} className="orient-word orient-word-head" hidden />
        <span ref={toesWord} className="orient-word orient-word-toes" hidden />
      </div>
      {side ? (
        <span className="orient-side">{t(side === 'L' ? 'ui.foot.L' : 'ui.foot.R')}</span>
      ) : null}
    </div>
  );
}
