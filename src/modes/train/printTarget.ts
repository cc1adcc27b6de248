/**
 * Which of Train's blocks a printout holds: the trainee's summary (also what the browser's own
 * Print gives) or the group view. The block gets the `train-print` class; train.css prints it
 * alone.
 */
import { create } from 'zustand';

export type PrintTarget = 'summary' | 'cohort';

export const usePrintTarget = create<{ readonly target: PrintTarget }>()(() => ({
  target: 'summary',
}));

/** Prints one block, then goes back to the summary as the default printout. */
export function printBlock(target: PrintTarget): void {
  usePrintTarget.setState({ target });
  const reset = () => {
    window.removeEventListener('afterprint', reset);
    usePrintTarget.setState({ target: 'summary' });
  };
  window.addEventListener('afterprint', reset);
  // After React has put the class on the block.
  requestAnimationFrame(() => window.print());
}

/** The class that marks a block as the printout, when it is `target`'s. */
export function usePrintClass(target: PrintTarget): string {
  return usePrintTarget((s) => (s.target === target ? ' train-print' : ''));
}

/** Today's date in the locale's words, for the printout's header. */
export function printDate(locale: string, now: Date = new Date()): string {
  return now.toLocaleDateString(locale, { year: 'numeric', month: 'long', day: 'numeric' });
}
