import './train.css';
import { useId } from 'react';
import { useT } from '../../state/localeStore.ts';
import { useViewFlags } from '../../state/viewFlags.ts';
import type { ModeUi } from '../../ui/modeUi.ts';
import { AvoidTask } from './AvoidTask.tsx';
import { CohortSection } from './CohortSection.tsx';
import { OrderDrill } from './OrderDrill.tsx';
import { ProgressSection } from './ProgressSection.tsx';
import { TrainScene } from './scene/TrainScene.tsx';
import { StepChooser } from './StepChooser.tsx';
import { TraceTask } from './TraceTask.tsx';
import { TraineeSection } from './TraineeSection.tsx';
import { TrainNotices } from './TrainNotices.tsx';
import { TrainOverlay } from './TrainOverlay.tsx';
import { trainSession, useTrainSession, type TrainTask } from './trainSession.ts';

const TASKS: readonly {
  readonly task: TrainTask;
  readonly key: 'ui.train.task.trace' | 'ui.train.task.avoid' | 'ui.train.task.order';
}[] = [
  { task: 'trace', key: 'ui.train.task.trace' },
  { task: 'avoid', key: 'ui.train.task.avoid' },
  { task: 'order', key: 'ui.train.task.order' },
];

/** Which drill: trace, avoid quiz or step order. */
function TaskSwitch() {
  const { t } = useT();
  const id = useId();
  const task = useTrainSession((s) => s.task);
  return (
    <div className="train-tasks" role="group" aria-labelledby={id}>
      <span id={id} className="train-sr-only">
        {t('ui.train.task.label')}
      </span>
      {TASKS.map((x) => (
        <button
          key={x.task}
          type="button"
          aria-pressed={task === x.task}
          onClick={() => {
            trainSession().getState().setTask(x.task);
            if (x.task !== 'trace') useViewFlags.getState().setOrbitLocked(false);
          }}
        >
          {t(x.key)}
        </button>
      ))}
    </div>
  );
}

/** Train: a trainee traces strokes, finds the areas to avoid and orders steps; progress is kept. */
function TrainPanels() {
  const task = useTrainSession((s) => s.task);
  return (
    <div className="train-panels">
      <TrainNotices />
      <TraineeSection />
      <StepChooser />
      <TaskSwitch />
      {task === 'trace' ? <TraceTask /> : task === 'avoid' ? <AvoidTask /> : <OrderDrill />}
      <ProgressSection />
      <CohortSection />
    </div>
  );
}

export const trainUi: ModeUi = { Panels: TrainPanels, Overlay: TrainOverlay, Scene: TrainScene };
