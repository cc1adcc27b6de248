/** Deep links into the player (src/domain/playerLink.ts): encode, decode, and every bad value. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PLAYER_LINK,
  decodePlayerLink,
  encodePlayerLink,
  firstViewBody,
  type PlayerLinkInput,
} from '../../src/domain/playerLink.ts';
import { VIEW_IDS } from '../../src/domain/views.ts';

describe('player links', () => {
  const link: PlayerLinkInput = {
    protocol: 'child-flat-foot',
    step: 3,
    side: 'R',
    speed: 0.75,
    view: 'plantar',
    body: 'child',
  };

  it('encodes a readable search string with a 1-based step', () => {
    const s = encodePlayerLink(link);
    expect(s).toBe('protocol=child-flat-foot&step=4&side=R&speed=0.75&view=plantar&body=child');
  });

  it('round-trips every view, side, speed and body', () => {
    for (const view of [...VIEW_IDS, null]) {
      for (const side of ['L', 'R'] as const) {
        for (const speed of [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2]) {
          for (const body of ['adult', 'child'] as const) {
            const input = { ...link, view, side, speed, body };
            expect(decodePlayerLink(encodePlayerLink(input))).toEqual(input);
          }
        }
      }
    }
  });

  it('leaves defaults out of the link', () => {
    expect(encodePlayerLink({ protocol: 'p1', step: 0, side: 'L', speed: 1, view: null })).toBe(
      'protocol=p1&step=1&side=L',
    );
    expect(
      encodePlayerLink({ protocol: 'p1', step: 0, side: 'L', speed: 1, view: null, body: 'adult' }),
    ).toBe('protocol=p1&step=1&side=L');
  });

  it('accepts a leading ? and URLSearchParams, and ignores unknown parameters', () => {
    const s = encodePlayerLink(link);
    expect(decodePlayerLink(`?${s}&utm=x`)).toEqual(decodePlayerLink(s));
    expect(decodePlayerLink(new URLSearchParams(s))).toMatchObject({
      protocol: 'child-flat-foot',
      step: 3,
    });
  });

  it('decodes an empty or missing link to the defaults', () => {
    expect(decodePlayerLink('')).toEqual(DEFAULT_PLAYER_LINK);
    expect(decodePlayerLink('?')).toEqual(DEFAULT_PLAYER_LINK);
    expect(DEFAULT_PLAYER_LINK).toEqual({
      protocol: null,
      step: 0,
      side: 'L',
      speed: 1,
      view: null,
      body: 'adult',
    });
  });

  it('ignores each bad value on its own and keeps the good ones', () => {
    const cases: [string, Partial<typeof DEFAULT_PLAYER_LINK>][] = [
      ['protocol=Bad_Id&step=2', { protocol: null, step: 1 }],
      ['protocol=../../etc&side=R', { protocol: null, side: 'R' }],
      [`protocol=${'a'.repeat(65)}`, { protocol: null }],
      ['protocol=ok&step=0', { protocol: 'ok', step: 0 }],
      ['protocol=ok&step=-2', { step: 0 }],
      ['protocol=ok&step=2.5', { step: 0 }],
      ['protocol=ok&step=1e3', { step: 0 }],
      ['protocol=ok&step=1000', { step: 0 }],
      ['protocol=ok&step=999', { step: 998 }],
      ['protocol=ok&step=%20', { step: 0 }],
      ['side=X&speed=1.5', { side: 'L', speed: 1.5 }],
      ['side=right', { side: 'R' }],
      ['side=l', { side: 'L' }],
      ['speed=3', { speed: 1 }],
      ['speed=0.1', { speed: 1 }],
      ['speed=-1', { speed: 1 }],
      ['speed=fast', { speed: 1 }],
      ['speed=NaN', { speed: 1 }],
      ['speed=Infinity', { speed: 1 }],
      ['speed=0x1', { speed: 1 }],
      ['speed=0.6', { speed: 0.5 }],
      ['view=sideways&body=child', { view: null, body: 'child' }],
      ['view=Plantar', { view: null }],
      ['body=giant', { body: 'adult' }],
      ['protocol=%E0%A4%A', { protocol: null }],
      ['%%%&&&==', {}],
    ];
    for (const [search, expected] of cases) {
      let decoded: ReturnType<typeof decodePlayerLink> | undefined;
      expect(() => (decoded = decodePlayerLink(search)), search).not.toThrow();
      expect(decoded, search).toEqual({
        ...DEFAULT_PLAYER_LINK,
        ...(search.startsWith('protocol=ok') ? { protocol: 'ok' } : {}),
        ...expected,
      });
    }
  });

  it('leaves invalid values out when encoding, so a link always decodes to what was meant', () => {
    const s = encodePlayerLink({
      protocol: 'Not Valid',
      step: -1,
      side: 'L',
      speed: Number.NaN,
      view: null,
    });
    expect(s).toBe('side=L');
    expect(decodePlayerLink(s)).toEqual(DEFAULT_PLAYER_LINK);
    // Off-grid speeds are snapped before encoding.
    expect(decodePlayerLink(encodePlayerLink({ ...link, speed: 1.1 })).speed).toBe(1);
    expect(encodePlayerLink({ ...link, speed: 1.1 })).not.toContain('speed');
    expect(encodePlayerLink({ ...link, speed: 9 })).toContain('speed=2');
  });
});

describe('the body of a link’s first view', () => {
  const catalogue = [
    { id: 'p1-hallux-valgus-adult-self', body: 'adult' },
    { id: 'p3-valgus-feet-child-orthopedic', body: 'child' },
  ];
  it('is the body its protocol is written for, whatever the link says', () => {
    expect(
      firstViewBody(
        decodePlayerLink('?protocol=p3-valgus-feet-child-orthopedic&step=2'),
        catalogue,
      ),
    ).toBe('child');
    expect(
      firstViewBody(
        decodePlayerLink('?protocol=p1-hallux-valgus-adult-self&body=child'),
        catalogue,
      ),
    ).toBe('adult');
  });
  it('is the link’s own body for a protocol not in the catalogue, or no protocol', () => {
    expect(firstViewBody(decodePlayerLink('?protocol=imported-one&body=child'), catalogue)).toBe(
      'child',
    );
    expect(firstViewBody(decodePlayerLink('?protocol=imported-one'), catalogue)).toBe('adult');
    expect(firstViewBody(decodePlayerLink(''), catalogue)).toBe('adult');
  });
});
