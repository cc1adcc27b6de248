import { useId, useState } from 'react';
import { localized } from '../../content/localized.ts';
import { contentData, useContentStore } from '../../state/contentStore.ts';
import { openProtocol } from '../../state/currentStep.ts';
import { useT } from '../../state/localeStore.ts';
import { usePlayerStore } from '../../state/playerStore.ts';
import './firstRun.css';
import { audienceWord } from './learnWords.ts';

/** Remembered once the guide is dismissed, so that it greets a first visit only. */
export const GUIDE_SEEN_KEY = 'footwork.guideSeen';

function seen(): boolean {
  try {
    return localStorage.getItem(GUIDE_SEEN_KEY) === '1';
  } catch {
    // Storage refused (private mode, blocked): show the guide, dismissing hides it for this visit.
    return false;
  }
}

/** The order the guide suggests a first protocol in: a child's, a self-massage, an adult's. */
const SUGGESTED_AUDIENCES = ['child', 'self', 'adult'] as const;

/**
 * A first visit's orientation, while no protocol is open: what the three modes are for, how to
 * turn the body, and a first protocol one tap away. Dismissed with "Got it" (remembered).
 */
export function FirstRunGuide() {
  const { t, locale } = useT();
  const [hidden, setHidden] = useState(seen);
  const protocolId = usePlayerStore((s) => s.player.protocolId);
  // the catalogue is there from the first view, before the whole content has loaded
  const catalogue = useContentStore((s) => s.catalogue);
  const titleId = useId();
  if (hidden || protocolId) return null;
  const suggested = SUGGESTED_AUDIENCES.flatMap((a) => {
    const first = catalogue.find((p) => p.audience === a);
    return first ? [{ audience: a, entry: first }] : [];
  });
  const dismiss = () => {
    try {
      localStorage.setItem(GUIDE_SEEN_KEY, '1');
    } catch {
      // Not remembered: the guide comes back on the next visit, nothing else is lost.
    }
    setHidden(true);
  };
  return (
    <section className="first-run" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('ui.guide.title')}</h2>
      <ul className="first-run-modes">
        <li>
          <strong>{t('ui.mode.learn')}</strong> — {t('ui.guide.learn')}
        </li>
        <li>
          <strong>{t('ui.mode.present')}</strong> — {t('ui.guide.present')}
        </li>
        <li>
          <strong>{t('ui.mode.train')}</strong> — {t('ui.guide.train')}
        </li>
      </ul>
      <p className="first-run-turn">{t('ui.guide.turn')}</p>
      {suggested.length > 0 ? (
        <>
          <p className="first-run-pick">{t('ui.guide.pick')}</p>
          <ul className="first-run-suggested">
            {suggested.map(({ audience, entry }) => (
              <li key={entry.id}>
                <button
                  type="button"
                  onClick={() => {
                    void contentData().then((data) => {
                      const loaded = data?.protocols.find((p) => p.protocol.id === entry.id);
                      if (loaded) openProtocol(loaded);
                    });
                  }}
                >
                  <span className="first-run-audience">{audienceWord(audience, t)}</span>
                  <span>{localized(entry.title, locale)}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <button type="button" className="first-run-dismiss" onClick={dismiss}>
        {t('ui.guide.dismiss')}
      </button>
    </section>
  );
}
