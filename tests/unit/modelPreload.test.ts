/**
 * The inline model preload of index.html picks the same body as the app's first view
 * (`firstViewBody`), for every kind of link, and preloads that one model only.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { modelPreloadScript, scriptHash } from '../../scripts/lib/modelPreload.ts';
import {
  decodePlayerLink,
  DEFAULT_PLAYER_LINK,
  firstViewBody,
} from '../../src/domain/playerLink.ts';

const models = { adult: '/assets/body-adult-x.glb', child: '/assets/body-child-y.glb' };
const catalogue = [
  { id: 'p1-adult', body: 'adult' },
  { id: 'p2-child', body: 'child' },
];
const script = modelPreloadScript({
  models,
  bodies: Object.fromEntries(catalogue.map((p) => [p.id, p.body])),
  fallback: DEFAULT_PLAYER_LINK.body,
});

/** Runs the script as the page would, with a stand-in document; the links it added. */
function preloads(search: string): Record<string, string>[] {
  const added: Record<string, string>[] = [];
  runInNewContext(script, {
    URLSearchParams,
    location: { search },
    document: {
      createElement: () => ({}),
      head: { appendChild: (el: Record<string, string>) => added.push(el) },
    },
  });
  return added;
}

describe('model preload script', () => {
  it.each([
    '',
    '?protocol=p1-adult&step=2',
    '?protocol=p2-child&step=1&side=R',
    // The protocol's body wins over the link's.
    '?protocol=p2-child&body=adult',
    '?protocol=p1-adult&body=child',
    // A protocol the catalogue does not know (an imported one): the link's body.
    '?protocol=imported-one&body=child',
    '?protocol=imported-one',
    '?body=child',
    '?body=giant',
    '?protocol=constructor',
    '?protocol=__proto__&body=child',
  ])('preloads the body firstViewBody picks for %j', (search) => {
    const kind = firstViewBody(decodePlayerLink(search), catalogue);
    expect(preloads(search)).toEqual([
      { rel: 'preload', as: 'fetch', crossOrigin: 'anonymous', href: models[kind] },
    ]);
  });

  it('is allowed by a SHA-256 hash of exactly its text', () => {
    expect(scriptHash(script)).toMatch(/^'sha256-[A-Za-z0-9+/]{43}='$/);
    expect(scriptHash(`${script} `)).not.toBe(scriptHash(script));
  });
});
