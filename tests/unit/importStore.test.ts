/**
 * The import store: a file given while the protocols are still loading waits for them, and is
 * checked against them (it used to be refused with "the bundled content could not be loaded").
 */
import { describe, expect, it } from 'vitest';
import { useContentStore } from '../../src/state/contentStore.ts';
import { useImportStore } from '../../src/state/importStore.ts';

describe('import store', () => {
  it('checks a file given while the content is still loading against the loaded content', async () => {
    expect(useContentStore.getState().status).toBe('idle');
    const loading = useContentStore.getState().load();
    expect(useContentStore.getState().status).toBe('loading');
    const text = '{ "id": "clinic-broken", "title": ';
    await useImportStore.getState().importFile(new File([text], 'broken.json'));
    await loading;
    const { problems, problemTotal, imported } = useImportStore.getState();
    expect(imported).toBeNull();
    expect(problemTotal).toBe(problems.length);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).not.toContain('could not be loaded');
    expect(problems[0]).toMatch(/^broken\.json › \$ › invalid JSON/);
  }, 60_000);
});
