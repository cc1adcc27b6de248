import { useId, useState } from 'react';
import { localized } from '../../content/localized.ts';
import { buildCourseCalendar, planCourse, type CalendarError } from '../../domain/calendar.ts';
import { formatRange } from '../../domain/handout.ts';
import { exportFileName, localDateOf } from '../../domain/presentation.ts';
import type { UiKey } from '../../i18n/i18n.ts';
import { useCurrentProtocol } from '../../state/currentStep.ts';
import { useT } from '../../state/localeStore.ts';
import { saveFile } from '../../ui/download.ts';

const REASON: Readonly<Record<CalendarError, UiKey>> = {
  no_schedule: 'ui.present.calendar.noSchedule',
  no_fixed_days: 'ui.present.calendar.noFixedDays',
  no_course_length: 'ui.present.calendar.noCourseLength',
  invalid_start: 'ui.present.calendar.invalidStart',
  invalid_id: 'ui.present.calendar.failed',
  invalid_clock: 'ui.present.calendar.failed',
};

/** The course as an .ics calendar from a chosen first day (default today). */
export function CalendarSection() {
  const { t, locale } = useT();
  const loaded = useCurrentProtocol();
  const [start, setStart] = useState(() => localDateOf(new Date()));
  const [status, setStatus] = useState('');
  const reasonId = useId();
  const dateId = useId();
  if (!loaded) return null;
  const { protocol } = loaded;
  const plan = planCourse(protocol.schedule, start);
  const title = localized(protocol.title, locale);

  const download = () => {
    const breakWeeks = protocol.schedule?.breakWeeks;
    const result = buildCourseCalendar({
      protocolId: protocol.id,
      schedule: protocol.schedule,
      start,
      now: () => new Date(),
      text: {
        calendarName: title,
        sessionTitle: (n, total) => t('ui.present.calendar.session', { protocol: title, n, total }),
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
