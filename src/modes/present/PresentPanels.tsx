import { useCallback, useSyncExternalStore } from 'react';
import { useT } from '../../state/localeStore.ts';
import { usePlayerStore } from '../../state/playerStore.ts';
import { ContentNotice } from '../../ui/ContentNotice.tsx';
import { PlayerControls, PlayerSettings } from '../../ui/PlayerControls.tsx';
import { ProtocolBrief } from '../../ui/ProtocolBrief.tsx';
import { ProtocolPicker } from '../../ui/ProtocolPicker.tsx';
import { SafetyCheck } from '../../ui/SafetyCheck.tsx';
import { CalendarSection } from './CalendarSection.tsx';
import { startPresenting } from './fullscreen.ts';
import { HandoutSection } from './HandoutSection.tsx';
import { hasVoice, onVoicesChanged } from './narration.ts';
import { usePresentStore } from './presentStore.ts';
import { ProgramSection } from './ProgramSection.tsx';
import { SummarySection } from './SummarySection.tsx';
import { TeachBackSection } from './TeachBackSection.tsx';
import { usePresentKeys } from './usePresentKeys.ts';
import { VideoSection } from './VideoSection.tsx';

/**
 * Present mode's side column: choose, go through the safety check with the person in front of
 * you (folded to its summary line, above Start), start, and the take-home sheet, calendar and
 * video.
 */
export function PresentPanels() {
  const { t, locale } = useT();
  usePresentKeys();
  // Narration is offered only where the device has a voice for the language.
  const canSpeak = useSyncExternalStore(
    onVoicesChanged,
    useCallback(() => hasVoice(locale), [locale]),
  );
  const protocolId = usePlayerStore((s) => s.player.protocolId);
  const narration = usePresentStore((s) => s.narration);
  const setNarration = usePresentStore((s) => s.setNarration);
  const busy = usePresentStore((s) => s.busy);
  return (
    <>
      <ContentNotice />
      <section className="present-section present-start" aria-labelledby="present-heading">
        <h2 id="present-heading">{t('ui.present.heading')}</h2>
        <ProtocolPicker />
        <SafetyCheck startOpen={false} />
        {protocolId ? <p className="muted small">{t('ui.present.safetyFirst')}</p> : null}
        <button
          type="button"
          className="primary"
          disabled={!protocolId || busy !== null}
          aria-describedby="present-start-hint"
          onClick={startPresenting}
        >
          {t('ui.present.start')}
        </button>
        <p id="present-start-hint" className="muted small">
          {t(protocolId ? 'ui.present.startHint' : 'ui.present.chooseFirst')}
        </p>
        {canSpeak ? (
          <label className="row">
            <input
              type="checkbox"
              checked={narration}
              onChange={(e) => setNarration(e.target.checked)}
            />
            {t('ui.present.narration')}
          </label>
        ) : null}
      </section>
      <ProtocolBrief />
      <PlayerControls />
      <PlayerSettings />
      <ProgramSection />
      <TeachBackSection />
      <SummarySection />
      <HandoutSection />
      <CalendarSection />
      <VideoSection />
    </>
  );
}
