import { localized } from '../content/localized.ts';
import { describeSchedule } from '../domain/schedule.ts';
import { originWords } from '../domain/sourceNotes.ts';
import { poseWord } from '../domain/stepWords.ts';
import { useCurrentProtocol } from '../state/currentStep.ts';
import { useT } from '../state/localeStore.ts';
import { ProtocolSourceNotes } from './SourceNotes.tsx';
import './brief.css';

/**
 * What to know about the protocol in the player before its first step: the summary, the position
 * (labelled when it is the app's choice), the protocol's own cautions with who says them, the
 * schedule, and where the sources disagree. In Learn and in Present's side column.
 */
export function ProtocolBrief() {
  const loaded = useCurrentProtocol();
  const { t, locale } = useT();
  if (!loaded) return null;
  const p = loaded.protocol;
  const schedule = describeSchedule(p.schedule, locale, t);
  const titleId = `protocol-brief-${p.id}`;
  return (
    <section className="protocol-brief" aria-labelledby={titleId} data-protocol={p.id}>
      <h2 id={titleId}>{t('ui.brief.title')}</h2>
      <p className="brief-summary">{localized(p.summary, locale)}</p>
      <p className="brief-position">
        <strong>{t('ui.brief.position')}</strong> {poseWord(p.position.pose, t)}.
        {p.position.note ? ` ${localized(p.position.note, locale)}` : ''}
        {p.position.own ? <span className="source own"> ({t('ui.brief.positionOwn')})</span> : null}
      </p>
      {p.cautions.length > 0 ? (
        <div className="brief-cautions" role="note" aria-labelledby={`${titleId}-cautions`}>
          <h3 id={`${titleId}-cautions`}>{t('ui.brief.cautions')}</h3>
          <ul>
            {p.cautions.map((c, i) => (
              <li key={`${p.id}-caution-${String(i)}`}>
                {localized(c.text, locale)}{' '}
                <span className={c.own ? 'source own' : 'source'}>({originWords(c, t)})</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {schedule.length > 0 && p.schedule ? (
        <details className="brief-schedule">
          <summary>{t('ui.brief.schedule')}</summary>
          <ul>
            {schedule.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <p className="source">({originWords({ source: p.schedule.source }, t)})</p>
        </details>
      ) : null}
      {p.sourceNotes.length > 0 ? (
        <div className="brief-notes">
          <h3>{t('ui.brief.sourceNotes', { count: p.sourceNotes.length })}</h3>
          <ProtocolSourceNotes protocol={p} />
        </div>
      ) : null}
    </section>
  );
}
