import { useId, useState } from 'react';
import type { LoadedProtocol } from '../../content/index.ts';
import { localized } from '../../content/localized.ts';
import { buildCourseCalendar, planCourse, type CalendarError } from '../../domain/calendar.ts';
import { formatRange } from '../../domain/handout.ts';
import { exportFileName, localDateOf } from '../../domain/presentation.ts';
import { courseSessionRange, doseFor } from '../../domain/program.ts';
import { describeDose } from '../../domain/stepWords.ts';
import type { UiKey } from '../../i18n/i18n.ts';
import { useCurrentProtocol } from '../../state/currentStep.ts';
import { useT } from '../../state/localeStore.ts';
import { saveFile } from '../../ui/download.ts';
import { usePresentStore } from './presentStore.ts';

const REASON: Readonly<Record<CalendarError, UiKey>> = {
  no_schedule: 'ui.present.calendar.noSchedule',
  no_fixed_days: 'ui.present.calendar.noFixedDays',
  no_course_length: 'ui.present.calendar.noCourseLength',
  invalid_start: 'ui.present.calendar.invalidStart',
  invalid_id: 'ui.present.calendar.failed',
  invalid_clock: 'ui.present.calendar.failed',
};

/** Minutes after midnight of a `HH:MM` time, or null. */
function minutesOf(time: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h < 24 && min < 60 ? h * 60 + min : null;
}

/**
 * The course as an .ics calendar: from a chosen first day (default today, or the program's), as
 * many sessions as chosen within the source's range, each with a reminder at a chosen time and
 * the steps and link in its description (the home program's when one was made here).
 */
export function CalendarSection() {
  const loaded = useCurrentProtocol();
  const made = usePresentStore((s) => s.program);
  if (!loaded) return null;
  const program = made?.program.protocolId === loaded.protocol.id ? made : null;
  return <CalendarForm key={program?.program.id ?? 'none'} loaded={loaded} program={program} />;
}

function CalendarForm({
  loaded,
  program,
}: {
  readonly loaded: LoadedProtocol;
  readonly program: ReturnType<typeof usePresentStore.getState>['program'];
}) {
  const { t, locale } = useT();
  const range = courseSessionRange(loaded.protocol);
  const [start, setStart] = useState(() => program?.program.start ?? localDateOf(new Date()));
  const [sessions, setSessions] = useState(() => program?.program.sessions ?? range?.min ?? 1);
  const [time, setTime] = useState('18:00');
  const [status, setStatus] = useState('');
  const reasonId = useId();
  const dateId = useId();
  const countId = useId();
  const timeId = useId();
  const { protocol } = loaded;
  const plan = planCourse(protocol.schedule, start, range ? sessions : undefined);
  const title = localized(protocol.title, locale);

  const description = () => {
    const steps = program
      ? program.program.steps.flatMap((id) => protocol.steps.filter((s) => s.id === id))
      : protocol.steps;
    const lines = steps.map((s, i) => {
      const dose = program ? doseFor(program.program, s) : s;
      return `${String(i + 1)}. ${localized(s.title, locale)}: ${describeDose(
        { ...dose, doseFromSource: s.doseFromSource },
        t,
      )}`;
    });
    const link = program?.link ?? window.location.href.split('#')[0] ?? '';
    return [...lines, '', t('ui.present.calendar.link', { link })].join('\n');
  };

  const download = () => {
    const breakWeeks = protocol.schedule?.breakWeeks;
    const minutes = minutesOf(time);
    const result = buildCourseCalendar({
      protocolId: protocol.id,
      schedule: protocol.schedule,
      start,
      sessions: range ? sessions : undefined,
      now: () => new Date(),
      text: {
        calendarName: title,
        sessionTitle: (n, total) => t('ui.present.calendar.session', { protocol: title, n, total }),
        sessionDescription: description(),
        ...(minutes !== null
          ? {
              reminder: {
                text: t('ui.present.calendar.reminder', { protocol: title }),
                minutesAfterMidnight: minutes,
              },
            }
          : {}),
        breakTitle: t('ui.present.calendar.break', {
          protocol: title,
          weeks: breakWeeks ? formatRange(breakWeeks) : '',
        }),
        nextCourseTitle: t('ui.present.calendar.next', { protocol: title }),
      },
    });
    if (!result.ok) {
      setStatus(t(REASON[result.reason]));
      return;
    }
    saveFile(
      new Blob([result.ics], { type: 'text/calendar;charset=utf-8' }),
      exportFileName(protocol.id, 'ics'),
    );
    setStatus(t('ui.present.calendar.saved', { sessions: result.plan.sessions.length, start }));
  };

  return (
    <section className="present-section" aria-labelledby="present-calendar-heading">
      <h2 id="present-calendar-heading">{t('ui.present.calendar.title')}</h2>
      <div className="row">
        <label htmlFor={dateId}>{t('ui.present.calendar.start')}</label>
        <input
          id={dateId}
          type="date"
          value={start}
          onChange={(e) => {
            setStart(e.target.value);
            setStatus('');
          }}
        />
      </div>
      {range && range.max > range.min ? (
        <div className="row">
          <label htmlFor={countId}>
            {t('ui.program.sessions', { min: range.min, max: range.max })}
          </label>
          <input
            id={countId}
            type="number"
            inputMode="numeric"
            min={range.min}
            max={range.max}
            value={sessions}
            onChange={(e) => setSessions(Number(e.target.value))}
          />
        </div>
      ) : null}
      <div className="row">
        <label htmlFor={timeId}>{t('ui.present.calendar.remindAt')}</label>
        <input id={timeId} type="time" value={time} onChange={(e) => setTime(e.target.value)} />
      </div>
      <button
        type="button"
        disabled={!plan.ok}
        aria-describedby={plan.ok ? undefined : reasonId}
        onClick={download}
      >
        {t('ui.present.calendar.download')}
      </button>
      {plan.ok ? null : (
        <p id={reasonId} className="muted small">
          {t(REASON[plan.reason])}
        </p>
      )}
      <p className="muted small" role="status">
        {status}
      </p>
    </section>
  );
}
