/**
 * Motion primitives: how the contact glyph (the hand) moves over the skin during one pass of a
 * step — gliding, circling, rubbing across, tapping, pressing and holding, shaking, stretching.
 *
 * Three stages, all pure (three-free maths over plain arrays; the skin comes in as a projector):
 * 1. `projectStrokes` puts the strokes of a resolved path (`samplePath` in `paths.ts`) on the skin
 *    once per step: dense skin polylines with smoothed normals, tangents and arc lengths.
 * 2. `planMotion` lays one pass out in time for a primitive, intensity and tempo: how many cycles
 *    (circles, taps, presses…) each stroke gets, how long each stroke and each lifted transfer
 *    between strokes lasts, how far the hand swings off the path.
 * 3. `sampleMotion(plan, t)` gives the glyph's state at normalised time t ∈ [0, 1) of the pass:
 *    every offset from the path is taken in the skin's tangent plane and re-projected onto the
 *    skin, so the position is always on the surface; offsets that would land in an avoid zone are
 *    shrunk toward the path until they do not. It writes into an output object so the renderer
 *    can call it every frame without allocating.
 *
 * `samplePathTrail` gives the renderer the path line and arrowheads flowing at the tempo.
 *
 * The files: `primitives.ts` (the vocabulary, timing and local motion of each primitive),
 * `skinStroke.ts` (stage 1), `plan.ts` (stage 2), `sample.ts` (stage 3), `trail.ts`.
 *
 * Frame conventions: T is the direction of travel along the path (in the tangent plane), N the
 * outward skin normal, B = N × T the lateral direction. (T, B, N) is right-handed, so a rotation
 * from T toward B is counter-clockwise as seen from outside the skin.
 */
export * from './plan.ts';
export * from './primitives.ts';
export * from './sample.ts';
export * from './skinStroke.ts';
export * from './trail.ts';
