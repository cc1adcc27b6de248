import { useEffect, useMemo, useRef, useState } from 'react';
import type { LoadedProtocol } from '../../content/index.ts';
import { localized } from '../../content/localized.ts';
import {
  doneCount,
  isComplete,
  markStep,
  sessionOn,
  streak,
  summarize,
  summaryLink,
  type HomeLog,
  type Reaction,
  REACTIONS,
} from '../../domain/homeLog.ts';
import { localDateOf } from '../../domain/presentation.ts';
import {
  PROGRAM_HASH,
  PROGRAM_ID_HASH,
  PROGRAM_STEP_HASH,
  decodeProgram,
  doseFor,
  hashParam,
  resolveProgram,
  type Program,
} from '../../domain/program.ts';
import { describeDose } from '../../domain/stepWords.ts';
import { useContentStore } from '../../state/contentStore.ts';
import { findProtocol, openProtocol } from '../../state/currentStep.ts';
import { loadHomeLog, loadPrograms, saveHomeLog, saveProgram } from '../../state/homeStorage.ts';
import { useT } from '../../state/localeStore.ts';
import { playerEngine, usePlayerStore } from '../../state/playerStore.ts';
import { useViewerStore } from '../../state/viewerStore.ts';
import { CODE_REASON } from '../../ui/codeReason.ts';
import { saveFile } from '../../ui/download.ts';
import { QrCode } from '../../ui/QrCode.tsx';

/** Days between sessions of a protocol's schedule (for the streak). */
function intervalOf(loaded: LoadedProtocol): number {
  return loaded.protocol.schedule?.frequency === 'every_other_day' ? 2 : 1;
}

interface Opened {
  readonly program: Program | null;
  /** Why the link's program could not be read (the saved one, if any, is shown instead). */
  readonly linkError: string | null;
}

/** The program the link carries (kept on the device), else the newest kept. */
function openProgram(t: ReturnType<typeof useT>['t']): Opened {
  const code = hashParam(window.location.hash, PROGRAM_HASH);
  const kept = loadPrograms().value;
  // A step link names a program kept here by its id.
  const id = hashParam(window.location.hash, PROGRAM_ID_HASH);
  if (code === null && id !== null) {
    const found = kept.find((p) => p.id === id);
    return found
      ? { program: found, linkError: null }
      : { program: kept[0] ?? null, linkError: t('ui.home.stepNeedsProgram') };
  }
  if (code === null) return { program: kept[0] ?? null, linkError: null };
  const r = decodeProgram(code);
  if (!r.ok) {
    return {
      program: kept[0] ?? null,
      linkError: t('ui.home.linkRefused', {
        reason: t(CODE_REASON[r.reason]),
        detail: r.detail ?? '',
      }),
    };
  }
  saveProgram(r.value);
  return { program: r.value, linkError: null };
}

/** The home mode's column: today's session of the program, the log and the summary. */
export function HomePanels() {
  const { t } = useT();
  const [opened, setOpened] = useState(() => ({ ...openProgram(t), hash: window.location.hash }));
  // A link opened in this very tab while the app is open (another step's QR code, the program's)
  // changes only the hash: no new page, so the session follows the new link here.
  useEffect(() => {
    const follow = () => setOpened({ ...openProgram(t), hash: window.location.hash });
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [t]);
  const content = useContentStore((s) => s.data);
  const status = useContentStore((s) => s.status);
  const { program, linkError } = opened;
  const loaded = program ? findProtocol(content?.protocols, program.protocolId) : null;
  const resolved = useMemo(
    () =>
      program && content
        ? resolveProgram(
            program,
            content.protocols.map((p) => p.protocol),
          )
        : null,
    [program, content],
  );

  return (
    <div className="home-panels">
      {linkError ? (
        <p className="home-alert" role="alert">
          {linkError}
        </p>
      ) : null}
      {!program ? (
        <section className="home-card">
          <h2>{t('ui.home.title')}</h2>
          <p>{t('ui.home.noProgram')}</p>
        </section>
      ) : !content ? (
        <p className="muted" role="status">
          {status === 'failed' ? t('ui.content.failed') : t('ui.protocols.loading')}
        </p>
      ) : !resolved?.ok || !loaded ? (
        <p className="home-alert" role="alert">
          {t('ui.home.unknown', {
            what: resolved && !resolved.ok ? resolved.detail : program.protocolId,
          })}
        </p>
      ) : (
        <HomeSession
          // A new link starts the session anew: on its step, with its program's settings.
          key={`${program.id}${opened.hash}`}
          program={program}
          loaded={loaded}
          stepIndices={resolved.stepIndices}
        />
      )}
    </div>
  );
}

function HomeSession({
  program,
  loaded,
  stepIndices,
}: {
  readonly program: Program;
  readonly loaded: LoadedProtocol;
  readonly stepIndices: readonly number[];
}) {
  const { t, locale } = useT();
  const today = useMemo(() => localDateOf(new Date()), []);
  const [log, setLog] = useState<HomeLog>(() => loadHomeLog().value);
  const [saveFailed, setSaveFailed] = useState(false);
  const session = sessionOn(log, program.id, today);
  const [pos, setPos] = useState(() => {
    // A link to one step (the handout's QR per step) opens on it.
    const linked = hashParam(window.location.hash, PROGRAM_STEP_HASH);
    const at = linked === null ? -1 : program.steps.indexOf(linked);
    if (at >= 0) return at;
    // Otherwise start at the first step not yet done today.
    const first = program.steps.findIndex(
      (id) => !session?.steps.some((s) => s.step === id && s.done),
    );
    return first < 0 ? 0 : first;
  });
  const [showSummary, setShowSummary] = useState(false);
  const playing = usePlayerStore((s) => s.player.status === 'playing');
  const { protocol } = loaded;
  const stepIndex = stepIndices[pos] ?? 0;
  const step = protocol.steps[stepIndex];
  const interval = intervalOf(loaded);

  // The model shows the program's step, with the child's severity and side; a step repeats
  // while the parent does it (no auto-advance into steps the program left out).
  const settingsOf = useRef<string | null>(null);
  useEffect(() => {
    const player = playerEngine.state;
    const opening = player.protocolId !== protocol.id;
    if (opening) openProtocol(loaded, stepIndex);
    else if (player.stepIndex !== stepIndex) playerEngine.dispatch({ type: 'jump', stepIndex });
    // The program's severity, side and playing rules, once per program shown (a program of a
    // protocol already open, from a link opened in this tab, brings its own).
    if (opening || settingsOf.current !== program.id) {
      settingsOf.current = program.id;
      const store = usePlayerStore.getState();
      store.setSeverity('hallux_valgus', program.severity.halluxValgus);
      store.setSeverity('flat_foot', program.severity.flatFoot);
      useViewerStore.getState().setSide(program.side === 'R' ? 'R' : 'L');
      playerEngine.dispatch({ type: 'setAutoAdvance', autoAdvance: false });
      playerEngine.dispatch({ type: 'setLoop', loopStep: true });
    }
  }, [loaded, protocol.id, stepIndex, program]);

  if (!step) return null;
  const record = session?.steps.find((s) => s.step === step.id) ?? null;
  const done = record?.done ?? false;
  const stopped = session?.stopped ?? false;
  const count = program.steps.length;
  const complete = isComplete(session, program.steps);
  const inRow = streak(log, program, today, interval);
  const sessionsDone = log.sessions.filter(
    (s) => s.program === program.id && isComplete(s, program.steps),
  ).length;

  const mark = (m: { done?: boolean; reaction?: Reaction | null }) => {
    const next = markStep(log, program.id, today, step.id, m);
    setLog(next);
    setSaveFailed(!saveHomeLog(next).ok);
  };

  const cautions = step.cautions.map((c) => localized(c.plain ?? c.text, locale));
  const summary = showSummary ? summarize(log, program, today, interval) : null;
  const summaryUrl = summary
    ? summaryLink(`${window.location.origin}${window.location.pathname}`, summary, locale)
    : '';

  return (
    <>
      <section className="home-card home-today" aria-labelledby="home-today-heading">
        <p className="home-kicker">
          {program.name} · {localized(protocol.title, locale)}
        </p>
        <h2 id="home-today-heading">{t('ui.home.today', { date: today })}</h2>
        {program.note ? (
          <p className="home-note">
            <strong>{t('ui.home.fromClinic')}</strong> {program.note}
          </p>
        ) : null}
        {program.side === 'both' ? <p className="home-note">{t('ui.home.bothSides')}</p> : null}
        {stopped ? (
          <div className="home-alert home-stop" role="alert">
            <strong>{t('ui.home.stopTitle')}</strong> {t('ui.home.stopText')}
          </div>
        ) : null}
        <p className="home-progress" aria-live="polite">
          {t('ui.home.stepOf', { index: pos + 1, count, done: doneCount(session, program.steps) })}
        </p>
        <article className="home-step" data-step={step.id}>
          <h3>{localized(step.title, locale)}</h3>
          <p className="home-plain">{localized(step.plain, locale)}</p>
          <p className="home-dose">
            {describeDose({ ...doseFor(program, step), doseFromSource: step.doseFromSource }, t)}
          </p>
          {cautions.length > 0 ? (
            <ul className="home-cautions">
              {cautions.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          ) : null}
          <button
            type="button"
            className="home-play"
            onClick={() => playerEngine.dispatch({ type: 'toggle' })}
          >
            {playing ? t('ui.player.pause') : t('ui.home.show')}
          </button>
          <button
            type="button"
            className="home-done"
            aria-pressed={done}
            disabled={stopped}
            onClick={() => mark({ done: !done })}
          >
            {done ? t('ui.home.doneYes') : t('ui.home.done')}
          </button>
          <fieldset className="home-reactions">
            <legend>{t('ui.home.howTaken')}</legend>
            {REACTIONS.map((r) => (
              <button
                key={r}
                type="button"
                data-reaction={r}
                aria-pressed={record?.reaction === r}
                disabled={stopped && r !== 'pain'}
                onClick={() => mark({ reaction: record?.reaction === r ? null : r })}
              >
                {t(`ui.home.reaction.${r}`)}
              </button>
            ))}
          </fieldset>
        </article>
        {complete ? (
          <p className="home-complete" role="status">
            {t('ui.home.complete')}
          </p>
        ) : null}
        {saveFailed ? (
          <p className="home-alert" role="alert">
            {t('ui.home.notSaved')}
          </p>
        ) : null}
      </section>
      <nav className="home-nav" aria-label={t('ui.player.label')}>
        <button
          type="button"
          disabled={pos === 0}
          onClick={() => setPos((p) => Math.max(0, p - 1))}
        >
          {t('ui.player.prev')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={pos >= count - 1}
          onClick={() => setPos((p) => Math.min(count - 1, p + 1))}
        >
          {t('ui.player.nextShort')}
        </button>
      </nav>
      <section className="home-card" aria-labelledby="home-log-heading">
        <h2 id="home-log-heading">{t('ui.home.log')}</h2>
        <p className="home-streak">
          {t('ui.home.streak', { streak: inRow, done: sessionsDone, course: program.sessions })}
        </p>
        <button type="button" aria-expanded={showSummary} onClick={() => setShowSummary((v) => !v)}>
          {t('ui.home.summary')}
        </button>
        {summary ? (
          <div className="home-summary">
            <p className="muted small">{t('ui.home.summaryHint')}</p>
            <QrCode
              className="home-qr"
              text={summaryUrl}
              label={t('ui.home.summaryQr', { name: program.name })}
            />
            <button
              type="button"
              onClick={() =>
                saveFile(
                  new Blob([JSON.stringify(summary, null, 2)], { type: 'application/json' }),
                  `footwork-summary-${today}.json`,
                )
              }
            >
              {t('ui.home.summaryFile')}
            </button>
          </div>
        ) : null}
      </section>
    </>
  );
}
