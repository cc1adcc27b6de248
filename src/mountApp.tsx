import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { bundledCatalogue, bundledProblems } from './state/bundledContent.ts';
import { setBundledCatalogue } from './state/contentStore.ts';
import { startLocaleReady } from './state/localeStore.ts';

/**
 * Mounts the interactive app into #root. The first render is a transition, so React renders it
 * in slices that leave the main thread free in between (the first frame's model is parsed and
 * drawn at the same time). A page that starts in another language than English mounts once that
 * language's table has arrived.
 */
export function mountApp(): void {
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  setBundledCatalogue(bundledCatalogue, bundledProblems);
  void startLocaleReady.then(() => {
    startTransition(() => {
      createRoot(root).render(
        <StrictMode>
          <App />
        </StrictMode>,
      );
    });
  });
}
