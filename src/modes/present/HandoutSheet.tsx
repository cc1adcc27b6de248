import { createPortal } from 'react-dom';
import type { Locale } from '../../content/schema.ts';
import type { Side } from '../../domain/body.ts';
import type { Handout, HandoutStep } from '../../domain/handout.ts';
import { encodePlayerLink } from '../../domain/playerLink.ts';
import { programStepLink, type Program } from '../../domain/program.ts';
import { withLang } from '../../i18n/locale.ts';
import { latestTeachBack, teachBackOwner } from '../../state/homeStorage.ts';
import { useT } from '../../state/localeStore.ts';
import { useViewerStore } from '../../state/viewerStore.ts';
import { QrCode } from '../../ui/QrCode.tsx';
import { usePresentStore } from './presentStore.ts';

/**
 * The link a step's QR code opens: the program on that step in the home mode (when the sheet is a
 * program's), else the step in the player.
 */
export function stepLinkFor(
  step: Pick<HandoutStep, 'id' | 'index'>,
  protocolId: string,
  program: Program | null,
  side: Side,
  locale: Locale,
): string {
  const base = `${window.location.origin}${window.location.pathname}`;
  if (program) return programStepLink(base, program, step.id, locale);
  const search = withLang(
    encodePlayerLink({ protocol: protocolId, step: step.index, side, speed: 1 }),
    locale,
  );
  return `${base}?${search}`;
}

/**
 * The take-home sheet, placed at the end of <body>: hidden on screen, the only thing printed
 * (see present.css). Content is rendered as text, never as HTML.
 */
export function HandoutSheet({ handout }: { readonly handout: Handout }) {
  const { t, locale } = useT();
  const made = usePresentStore((s) => s.program);
  const side = useViewerStore((s) => s.side);
  const program = made?.program.protocolId === handout.protocolId ? made : null;
  // The parent's teach-back in the clinic, kept with the program on this device.
  const owner = teachBackOwner(program?.program.id ?? null, handout.protocolId);
  const traced = latestTeachBack(owner);
  return createPortal(
    <article className="present-handout" data-protocol={handout.protocolId}>
      <header>
        {program ? (
          // Beside the title and summary, so that page 1 has room for two steps.
          <div className="present-handout-program">
            <QrCode
              text={program.link}
              size={120}
              label={t('ui.program.qr', { name: program.program.name })}
            />
            <p>
              <strong>{program.program.name}</strong> · {t('ui.program.printQr')}
            </p>
            <p>{t('ui.present.handout.forProgram', { name: program.program.name })}</p>
          </div>
        ) : null}
        <p className="present-handout-brand">Footwork</p>
        <h1>{handout.title}</h1>
        <p>{handout.summary}</p>
        <p className="present-handout-position">{handout.position}</p>
        {traced ? (
          <p className="present-handout-teachback">
            {t(
              traced.passed
                ? 'ui.present.handout.teachBackPassed'
                : 'ui.present.handout.teachBackNotYet',
              { step: traced.stepNumber, score: traced.score },
            )}
          </p>
        ) : null}
      </header>
      <section>
        <h2>{t('ui.present.handout.steps')}</h2>
        <ol className="present-handout-steps">
          {handout.steps.map((step) => (
            <li key={step.number} className="present-handout-step">
              <h3>
                {t('ui.present.handout.stepHeading', { index: step.number, title: step.title })}
              </h3>
              {step.image ? (
                <img className="present-handout-picture" src={step.image} alt={step.plain} />
              ) : (
                <p className="present-handout-nopicture">{t('ui.present.handout.noPicture')}</p>
              )}
              <div className="present-handout-text">
                <p className="present-handout-plain">{step.plain}</p>
                {step.dose ? (
                  <p className="present-handout-dose">
                    {t('ui.present.handout.dose', { dose: step.dose })}
                  </p>
                ) : null}
                {step.warnings.length > 0 ? (
                  <ul className="present-handout-warnings">
                    {step.warnings.map((w) => (
                      <li key={w}>{w}</li>
                    ))}
                  </ul>
                ) : null}
              </div>
              <div className="present-handout-stepqr">
                <QrCode
                  text={stepLinkFor(
                    step,
                    handout.protocolId,
                    program?.program ?? null,
                    side,
                    locale,
                  )}
                  size={72}
                  label={t('ui.present.handout.stepQrLabel', { index: step.number })}
                />
                <p>{t('ui.present.handout.stepQr')}</p>
              </div>
            </li>
          ))}
        </ol>
        {handout.leftOut.length > 0 ? (
          <div className="present-handout-leftout">
            <h3>{t('ui.present.handout.leftOut')}</h3>
            <ul>
              {handout.leftOut.map((s) => (
                <li key={s.number}>
                  {t('ui.present.handout.stepHeading', { index: s.number, title: s.title })}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>
      {handout.schedule.length > 0 ? (
        <section>
          <h2>{t('ui.present.handout.schedule')}</h2>
          <ul>
            {handout.schedule.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {handout.safety.length > 0 ? (
        <section className="present-handout-safety">
          <h2>{t('ui.present.handout.safety')}</h2>
          {handout.safety.map((list) => (
            <div key={list.title}>
              <h3>{list.title}</h3>
              <ul>
                {list.items.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ) : null}
      {handout.disagreements.length > 0 ? (
        <section className="present-handout-differ">
          <h2>{t('ui.present.handout.disagreements')}</h2>
          {handout.disagreements.map((d) => (
            <div key={d.topic}>
              <h3>{d.topic}</h3>
              <ul>
                {d.versions.map((v) => (
                  <li key={v}>{v}</li>
                ))}
              </ul>
              {d.appChoice ? (
                <p>
                  <strong>{t('ui.sourceNotes.appChoice')}</strong> {d.appChoice}
                </p>
              ) : null}
            </div>
          ))}
        </section>
      ) : null}
    </article>,
    document.body,
  );
}
