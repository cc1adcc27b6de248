import { useId, useMemo, useState } from 'react';
import type { LoadedProtocol } from '../../content/index.ts';
import { localized } from '../../content/localized.ts';
import { parseLocalDate } from '../../domain/calendar.ts';
import { localDateOf } from '../../domain/presentation.ts';
import {
  courseSessionRange,
  MAX_NAME_LENGTH,
  MAX_NOTE_LENGTH,
  newProgramId,
  programLink,
  type Program,
  type ProgramSide,
  type StepDose,
} from '../../domain/program.ts';
import { useCurrentProtocol } from '../../state/currentStep.ts';
import { loadPrograms, saveProgram } from '../../state/homeStorage.ts';
import { useT } from '../../state/localeStore.ts';
import { playerEngine } from '../../state/playerStore.ts';
import { QrCode } from '../../ui/QrCode.tsx';
import { shareLink } from '../../ui/share.ts';
import { usePresentStore } from './presentStore.ts';
import './program.css';

/** The link that opens a program on the parent's phone, from this page's address. */
export function linkFor(program: Program, lang: string): string {
  const base = `${window.location.origin}${window.location.pathname}`;
  return programLink(base, program, lang);
}

/**
 * "A program for this child": the clinician picks the steps, their dose, the severity, side, first
 * day, course length and a note, names it, and hands it over as a link (share sheet or copy) and
 * a QR code. Programs are kept on this device.
 */
export function ProgramSection() {
  const loaded = useCurrentProtocol();
  if (!loaded) return null;
  return <ProgramForm key={loaded.protocol.id} loaded={loaded} />;
}

function ProgramForm({ loaded }: { readonly loaded: LoadedProtocol }) {
  const { t, locale } = useT();
  const { protocol } = loaded;
  const range = courseSessionRange(protocol) ?? { min: 1, max: 366 };
  const ids = useId();
  const skipped = useMemo(() => new Set(playerEngine.state.skipped), []);
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(
    () => new Set(protocol.steps.filter((_, i) => !skipped.has(i)).map((s) => s.id)),
  );
  const [doses, setDoses] = useState<Readonly<Record<string, StepDose>>>({});
  const [bunion, setBunion] = useState(protocol.bodyMorphs?.hallux_valgus ?? 0);
  const [flat, setFlat] = useState(protocol.bodyMorphs?.flat_foot ?? 0);
  const [side, setSide] = useState<ProgramSide>('L');
  const [start, setStart] = useState(() => localDateOf(new Date()));
  const [sessions, setSessions] = useState(range.min);
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const made = usePresentStore((s) => s.program);
  const setMade = usePresentStore((s) => s.setProgram);
  // Read again whenever a program is made (the version counts them).
  const [version, setVersion] = useState(0);
  const saved = useMemo(
    () => (version >= 0 ? loadPrograms().value.filter((p) => p.protocolId === protocol.id) : []),
    [protocol.id, version],
  );
  const shown = made && made.program.protocolId === protocol.id ? made : null;

  const create = () => {
    const steps = protocol.steps.filter((s) => chosen.has(s.id)).map((s) => s.id);
    if (name.trim() === '') return setError(t('ui.program.needName'));
    if (steps.length === 0) return setError(t('ui.program.needSteps'));
    if (parseLocalDate(start) === null) return setError(t('ui.present.calendar.invalidStart'));
    const keptDoses = Object.fromEntries(Object.entries(doses).filter(([id]) => chosen.has(id)));
    const program: Program = {
      version: 1,
      id: newProgramId(),
      name: name.trim().slice(0, MAX_NAME_LENGTH),
      protocolId: protocol.id,
      steps,
      doses: keptDoses,
      severity: { halluxValgus: bunion, flatFoot: flat },
      side,
      start,
      sessions: Math.min(range.max, Math.max(range.min, Math.round(sessions))),
      note: note.trim().slice(0, MAX_NOTE_LENGTH),
    };
    setError('');
    const result = saveProgram(program);
    setStatus(result.ok ? t('ui.program.saved') : t('ui.program.notSaved'));
    setMade({ program, link: linkFor(program, locale) });
    setVersion((v) => v + 1);
  };

  const toggle = (id: string, on: boolean) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const setDose = (id: string, key: keyof StepDose, value: string) => {
    const n = Math.round(Number(value));
    setDoses((prev) => {
      const old = prev[id] ?? {};
      const rest: StepDose =
        key === 'durationS'
          ? old.repetitions !== undefined
            ? { repetitions: old.repetitions }
            : {}
          : old.durationS !== undefined
            ? { durationS: old.durationS }
            : {};
      const entry: StepDose =
        value === '' || !Number.isFinite(n) || n < 1
          ? rest
          : { ...rest, [key]: Math.min(key === 'durationS' ? 3600 : 500, n) };
      return { ...prev, [id]: entry };
    });
  };

  return (
    <section className="present-section program-section" aria-labelledby={`${ids}-h`}>
      <h2 id={`${ids}-h`}>{t('ui.program.title')}</h2>
      <p className="muted small">{t('ui.program.intro')}</p>
      <label className="program-field">
        <span>{t('ui.program.name')}</span>
        <input
          type="text"
          value={name}
          maxLength={MAX_NAME_LENGTH}
          placeholder={t('ui.program.namePlaceholder')}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <fieldset className="program-steps">
        <legend>{t('ui.program.steps')}</legend>
        <div className="program-row">
          <button type="button" onClick={() => setChosen(new Set(protocol.steps.map((s) => s.id)))}>
            {t('ui.program.all')}
          </button>
          <button type="button" onClick={() => setChosen(new Set())}>
            {t('ui.program.none')}
          </button>
        </div>
        <ol>
          {protocol.steps.map((step, i) => {
            const on = chosen.has(step.id);
            const key: keyof StepDose =
              step.repetitions !== undefined ? 'repetitions' : 'durationS';
            const base = step.repetitions ?? step.durationS;
            return (
              <li key={step.id} className={skipped.has(i) ? 'program-step-skipped' : undefined}>
                <label className="program-step">
                  <input
                    type="checkbox"
                    checked={on}
                    onChange={(e) => toggle(step.id, e.target.checked)}
                  />
                  <span>
                    {i + 1}. {localized(step.title, locale)}
                  </span>
                </label>
                {on && base !== undefined ? (
                  <label className="program-dose">
                    <input
                      type="number"
                      inputMode="numeric"
                      min={1}
                      max={key === 'durationS' ? 3600 : 500}
                      value={doses[step.id]?.[key] ?? base}
                      aria-label={t(
                        key === 'durationS' ? 'ui.program.doseSeconds' : 'ui.program.doseTimes',
                        { step: localized(step.title, locale) },
                      )}
                      onChange={(e) => setDose(step.id, key, e.target.value)}
                    />
                    <span>
                      {t(key === 'durationS' ? 'ui.program.seconds' : 'ui.program.times')}
                    </span>
                  </label>
                ) : null}
              </li>
            );
          })}
        </ol>
      </fieldset>
      <label className="program-field">
        <span>
          {t('ui.player.bunion')}: {Math.round(bunion * 100)}%
        </span>
        <input
          type="range"
          min={0}
          max={1}
          step={0.05}
          value={bunion}
          onChange={(e) => setBunion(Number(e.target.value))}
        />
      </label>
      <label className="program-field">
        <span>
          {t('ui.player.flatFoot')}: {Math.round(flat * 100)}%
        </span>
        <input
          type="range"
          min={0}
          max={1}
          step={0.05}
          value={flat}
          onChange={(e) => setFlat(Number(e.target.value))}
        />
      </label>
      <label className="program-field">
        <span>{t('ui.program.side')}</span>
        <select value={side} onChange={(e) => setSide(e.target.value as ProgramSide)}>
          <option value="L">{t('ui.player.left')}</option>
          <option value="R">{t('ui.player.right')}</option>
          <option value="both">{t('ui.program.both')}</option>
        </select>
      </label>
      <label className="program-field">
        <span>{t('ui.program.start')}</span>
        <input type="date" value={start} onChange={(e) => setStart(e.target.value)} />
      </label>
      <label className="program-field">
        <span>{t('ui.program.sessions', { min: range.min, max: range.max })}</span>
        <input
          type="number"
          inputMode="numeric"
          min={range.min}
          max={range.max}
          value={sessions}
          onChange={(e) => setSessions(Number(e.target.value))}
        />
      </label>
      <label className="program-field">
        <span>{t('ui.program.note')}</span>
        <textarea
          rows={2}
          maxLength={MAX_NOTE_LENGTH}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      <button type="button" className="primary" onClick={create}>
        {t('ui.program.make')}
      </button>
      {error ? (
        <p className="program-error" role="alert">
          {error}
        </p>
      ) : null}
      <p className="muted small" role="status">
        {status}
      </p>
      {shown ? <ProgramHandover program={shown.program} link={shown.link} /> : null}
      {saved.length > 0 ? (
        <details className="program-saved">
          <summary>{t('ui.program.savedList', { count: saved.length })}</summary>
          <ul>
            {saved.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  onClick={() => setMade({ program: p, link: linkFor(p, locale) })}
                >
                  {p.name} · {p.start}
                </button>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

/** The link, share/copy and the QR code of a program. */
export function ProgramHandover({
  program,
  link,
}: {
  readonly program: Program;
  readonly link: string;
}) {
  const { t } = useT();
  const [said, setSaid] = useState('');
  return (
    <div className="program-handover" data-program={program.id}>
      <h3>{t('ui.program.handover', { name: program.name })}</h3>
      <QrCode
        className="program-qr"
        text={link}
        label={t('ui.program.qr', { name: program.name })}
      />
      <input
        className="program-link"
        type="text"
        readOnly
        value={link}
        aria-label={t('ui.program.link')}
        onFocus={(e) => e.currentTarget.select()}
      />
      <div className="program-row">
        <button
          type="button"
          className="primary"
          onClick={() =>
            void shareLink(link, program.name).then((r) => setSaid(t(`ui.program.share.${r}`)))
          }
        >
          {t('ui.program.share')}
        </button>
      </div>
      <p className="muted small" role="status">
        {said}
      </p>
    </div>
  );
}
