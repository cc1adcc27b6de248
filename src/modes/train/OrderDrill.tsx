import { useEffect, useId, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { LoadedProtocol } from '../../content/index.ts';
import { localized } from '../../content/localized.ts';
import {
  createOrderDrill,
  dropIndex,
  moveItem,
  moveTo,
  orderPlaces,
  scoreOrder,
  type OrderDrill as OrderDrillData,
  type OrderScoreResult,
} from '../../domain/orderDrill.ts';
import { useCurrentProtocol } from '../../state/currentStep.ts';
import { useT } from '../../state/localeStore.ts';
import { trainSession, useTrainSession } from './trainSession.ts';

/** Steps a drill asks to order at most: long protocols are drilled a run at a time. */
const DRILL_STEPS = 6;

/** The step-order drill of the current protocol (a new drill per protocol and round). */
export function OrderDrill() {
  const { t } = useT();
  const loaded = useCurrentProtocol();
  const trainee = useTrainSession((s) => s.trainee);
  const [round, setRound] = useState(0);
  if (!loaded) return null;
  const ids = loaded.protocol.steps.map((s) => s.id);
  // Varies from round to round and trainee to trainee, and can be repeated (no clock involved).
  const made = createOrderDrill(ids, `${loaded.protocol.id}:${trainee ?? ''}:${round}`, {
    maxSteps: DRILL_STEPS,
  });
  if (!made.ok) return <p className="muted">{t('ui.train.order.tooFew')}</p>;
  return (
    <OrderDrillRound
      key={`${loaded.protocol.id}:${round}`}
      loaded={loaded}
      drill={made.drill}
      onAgain={() => setRound((r) => r + 1)}
    />
  );
}

/** One drill: the shuffled steps, put back in order with buttons, then checked. */
function OrderDrillRound({
  loaded,
  drill,
  onAgain,
}: {
  readonly loaded: LoadedProtocol;
  readonly drill: OrderDrillData;
  readonly onAgain: () => void;
}) {
  const { t, locale } = useT();
  const id = useId();
  const trainee = useTrainSession((s) => s.trainee);
  const [order, setOrder] = useState<readonly string[]>(drill.shuffled);
  const [result, setResult] = useState<OrderScoreResult | null>(null);
  const [focus, setFocus] = useState<{ id: string; dir: 'up' | 'down' | 'drag' } | null>(null);
  /** The step being dragged (pointer, pen or finger), while it is. */
  const [drag, setDrag] = useState<{
    readonly id: string;
    readonly pointer: number;
    readonly startY: number;
    readonly dy: number;
    readonly middles: readonly number[];
  } | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  // Keep the keyboard focus on the moved step's button (or its other one at the list's end).
  useEffect(() => {
    if (!focus) return;
    if (focus.dir === 'drag') {
      document.getElementById(`${id}-drag-${focus.id}`)?.focus();
      return;
    }
    const own = document.getElementById(`${id}-${focus.dir}-${focus.id}`);
    const other = document.getElementById(
      `${id}-${focus.dir === 'up' ? 'down' : 'up'}-${focus.id}`,
    );
    const target = own instanceof HTMLButtonElement && !own.disabled ? own : other;
    target?.focus();
  }, [focus, order, id]);

  const title = (stepId: string) => {
    const step = loaded.protocol.steps.find((s) => s.id === stepId);
    return step ? localized(step.title, locale) : stepId;
  };

  const move = (index: number, delta: number, stepId: string) => {
    setOrder((o) => moveItem(o, index, delta));
    setFocus({ id: stepId, dir: delta < 0 ? 'up' : 'down' });
  };
  /**
   * A drag: the step follows the pointer (moved by `dy` on screen; the list keeps its order, so
   * nothing under the pointer is moved about) and takes its new place when let go. Listens on
   * the window, so a pointer, pen or finger that leaves the handle still drags.
   */
  useEffect(() => {
    if (!drag) return;
    const onMove = (e: globalThis.PointerEvent) => {
      if (e.pointerId !== drag.pointer) return;
      e.preventDefault();
      setDrag((d) => (d ? { ...d, dy: e.clientY - d.startY } : d));
    };
    const onUp = (e: globalThis.PointerEvent) => {
      if (e.pointerId !== drag.pointer) return;
      setDrag(null);
      if (e.type === 'pointercancel') return;
      setOrder((o) => {
        const from = o.indexOf(drag.id);
        const to = dropIndex(e.clientY, drag.middles, from);
        return from < 0 ? o : moveTo(o, from, to);
      });
    };
    window.addEventListener('pointermove', onMove, { passive: false });
    window.addEventListener('pointerup', onUp);
    window.addEventListener('pointercancel', onUp);
    return () => {
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
      window.removeEventListener('pointercancel', onUp);
    };
  }, [drag]);
  const onHandleDown = (e: PointerEvent<HTMLButtonElement>, stepId: string) => {
    if (result !== null || (e.pointerType === 'mouse' && e.button !== 0)) return;
    e.preventDefault();
    // The middle of each step as laid out when the drag starts: where a drop lands.
    const items = listRef.current?.querySelectorAll<HTMLLIElement>(':scope > li') ?? [];
    const middles = Array.from(items, (li) => {
      const r = li.getBoundingClientRect();
      return r.top + r.height / 2;
    });
    setDrag({ id: stepId, pointer: e.pointerId, startY: e.clientY, dy: 0, middles });
  };
  const onHandleKey = (e: KeyboardEvent<HTMLButtonElement>, index: number, stepId: string) => {
    if (result !== null) return;
    const delta = e.key === 'ArrowUp' ? -1 : e.key === 'ArrowDown' ? 1 : 0;
    if (delta === 0) return;
    e.preventDefault();
    setOrder((o) => moveItem(o, index, delta));
    setFocus({ id: stepId, dir: 'drag' });
  };
  const places = result?.ok ? orderPlaces(drill.correct, order) : null;

  const check = () => {
    const r = scoreOrder(drill.correct, order);
    setResult(r);
    if (r.ok)
      trainSession().getState().record({
        protocolId: loaded.protocol.id,
        stepId: null,
        kind: 'order',
        score: r.score,
        passed: r.passed,
      });
  };

  return (
    <section className="train-card train-order" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('ui.train.order.title')}</h2>
      <p className="small">{t('ui.train.order.how')}</p>
      <ol
        ref={listRef}
        className={`train-order-list${places ? ' checked' : ''}`}
        aria-label={t('ui.train.order.list')}
      >
        {order.map((stepId, i) => {
          const place = places?.[i];
          return (
            <li
              key={stepId}
              data-step={stepId}
              data-dragging={drag?.id === stepId ? 'true' : undefined}
              style={drag?.id === stepId ? { transform: `translateY(${drag.dy}px)` } : undefined}
              data-in-place={place ? String(place.inPlace) : undefined}
            >
              <button
                type="button"
                id={`${id}-drag-${stepId}`}
                className="train-order-handle"
                disabled={result !== null}
                aria-label={t('ui.train.order.drag', { step: title(stepId) })}
                onPointerDown={(e) => onHandleDown(e, stepId)}
                onKeyDown={(e) => onHandleKey(e, i, stepId)}
              >
                <span aria-hidden="true">⠿</span>
              </button>
              <span className="train-order-title">
                {title(stepId)}
                {place ? (
                  <span
                    className="train-order-mark small"
                    data-mark={place.inPlace ? 'ok' : 'wrong'}
                  >
                    <span aria-hidden="true">{place.inPlace ? ' ✓ ' : ' ✗ '}</span>
                    {place.inPlace
                      ? t('ui.train.order.inPlace')
                      : t('ui.train.order.belongs', { place: place.belongs + 1 })}
                  </span>
                ) : null}
              </span>
              <span className="train-order-buttons">
                <button
                  type="button"
                  id={`${id}-up-${stepId}`}
                  disabled={i === 0 || result !== null}
                  aria-label={t('ui.train.order.up', { step: title(stepId) })}
                  onClick={() => move(i, -1, stepId)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  id={`${id}-down-${stepId}`}
                  disabled={i === order.length - 1 || result !== null}
                  aria-label={t('ui.train.order.down', { step: title(stepId) })}
                  onClick={() => move(i, 1, stepId)}
                >
                  ↓
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      {result === null ? (
        <button type="button" onClick={check} disabled={!trainee}>
          {t('ui.train.order.check')}
        </button>
      ) : null}
      {!trainee ? <p className="small muted">{t('ui.train.needTrainee')}</p> : null}
      <div className="train-result" role="status" aria-live="polite">
        {result?.ok ? (
          <>
            <p
              className={`train-score ${result.passed ? 'passed' : 'failed'}`}
              data-score={result.score}
            >
              {t('ui.train.order.score', { score: result.score })}{' '}
              <strong>{result.passed ? t('ui.train.passed') : t('ui.train.notYet')}</strong>
            </p>
            <p className="small">
              {t('ui.train.order.placed', { exact: result.exact, total: drill.correct.length })}
            </p>
            {result.misplaced.length > 0 ? (
              <>
                <p className="small">{t('ui.train.order.correct')}</p>
                <ol className="small">
                  {drill.correct.map((s) => (
                    <li key={s}>{title(s)}</li>
                  ))}
                </ol>
              </>
            ) : null}
            <button type="button" onClick={onAgain}>
              {t('ui.train.order.again')}
            </button>
          </>
        ) : null}
      </div>
    </section>
  );
}
