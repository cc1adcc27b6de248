import { describe, expect, it } from 'vitest';
import {
  createResolution,
  currentRatio,
  isSoftwareRenderer,
  recordFrame,
  type ResolutionState,
} from '../../src/domain/adaptiveResolution.ts';

const feed = (s: ResolutionState, ms: number, n: number) => {
  let out = s;
  for (let i = 0; i < n; i++) out = recordFrame(out, ms);
  return out;
};

describe('adaptive resolution', () => {
  it('starts at the highest level not above the start ratio, capped by the maximum', () => {
    expect(currentRatio(createResolution(1.5, 2))).toBe(1.5);
    expect(currentRatio(createResolution(1.5, 1))).toBe(1);
    expect(currentRatio(createResolution(1.5, 0.8))).toBe(0.75);
    expect(currentRatio(createResolution(0.3, 1))).toBe(0.5);
  });

  it('steps down while frames are slow, one level per window, not below the lowest', () => {
    let s = createResolution(1.5, 1);
    s = feed(s, 60, 11);
    expect(currentRatio(s)).toBe(1);
    s = feed(s, 60, 1);
    expect(currentRatio(s)).toBe(0.75);
    s = feed(s, 60, 12 * 10);
    expect(currentRatio(s)).toBe(0.5);
  });

  it('steps back up only with ample headroom', () => {
    let s = createResolution(1.5, 0.5);
    s = feed(s, 20, 24);
    expect(currentRatio(s)).toBe(0.5);
    s = feed(s, 8, 12);
    expect(currentRatio(s)).toBe(0.6);
  });

  it('treats a long gap as a pause, not a slow frame', () => {
    let s = createResolution(1.5, 1);
    s = feed(s, 60, 11);
    s = recordFrame(s, 5000);
    expect(s.samples).toEqual([]);
    s = feed(s, 60, 11);
    expect(currentRatio(s)).toBe(1);
    const same = createResolution(1.5, 1);
    expect(recordFrame(same, Number.NaN)).toBe(same);
  });
});

describe('software renderer detection', () => {
  it('recognises the software rasterisers by their renderer strings', () => {
    expect(
      isSoftwareRenderer(
        'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      ),
    ).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(
      isSoftwareRenderer(
        'ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0)',
      ),
    ).toBe(true);
  });

  it('leaves hardware GPUs and unknown renderers alone', () => {
    expect(
      isSoftwareRenderer('ANGLE (NVIDIA, NVIDIA GeForce GTX 1060 Direct3D11 vs_5_0 ps_5_0, D3D11)'),
    ).toBe(false);
    expect(isSoftwareRenderer('Apple GPU')).toBe(false);
    expect(
      isSoftwareRenderer('ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)'),
    ).toBe(false);
    expect(isSoftwareRenderer('')).toBe(false);
    expect(isSoftwareRenderer(null)).toBe(false);
  });
});
