import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { Color, Group, Matrix4, Mesh, MeshStandardMaterial, SphereGeometry, Vector3 } from 'three';
import type { HandPart } from '../content/schema.ts';
import { createMotionSample, sampleMotionAt, type MotionPlan } from '../domain/motion/index.ts';
import { stepProgress } from '../domain/player.ts';
import { playerEngine, usePlayerStore } from '../state/playerStore.ts';

interface ContactGlyphProps {
  readonly plan: MotionPlan;
  readonly handPart: HandPart;
  readonly scale: number;
  readonly avoidZones: ReadonlySet<string>;
  readonly reducedMotion: boolean;
}

const LIGHT = new Color('#4fc3f7');
const VIGOROUS = new Color('#ff3d00');
/** How high the glyph lifts off the skin when contact is 0, metres. */
const LIFT_M = 0.018;

/** Ellipsoid blobs (x across the stroke, y along the normal, z along the travel), in metres. */
type Blob = readonly [x: number, z: number, rx: number, ry: number, rz: number];

/** The glyph's shape per hand part: a thumb-pad oval, a palm, a palm-edge bar, knuckle or fingertip dots. */
const SHAPES: Readonly<Record<HandPart, readonly Blob[]>> = {
  thumb_pad: [[0, 0, 0.008, 0.004, 0.011]],
  fingertips: [-0.012, -0.004, 0.004, 0.012].map((x): Blob => [x, 0, 0.0045, 0.004, 0.0055]),
  finger_phalanges: [-0.015, -0.005, 0.005, 0.015].map((x): Blob => [x, 0, 0.0045, 0.004, 0.008]),
  knuckles: [-0.018, -0.006, 0.006, 0.018].map((x): Blob => [x, 0, 0.0055, 0.0045, 0.0055]),
  palm_edge: [[0, 0, 0.035, 0.005, 0.006]],
  heel_of_palm: [[0, 0, 0.02, 0.006, 0.015]],
  palm: [[0, 0, 0.03, 0.005, 0.038]],
  both_hands: [
    [-0.034, 0, 0.027, 0.005, 0.035],
    [0.034, 0, 0.027, 0.005, 0.035],
  ],
  none: [[0, 0, 0.006, 0.006, 0.006]],
};

/** A marker shaped like the hand part that travels the path: lifted when not in contact,
 * larger and warmer in colour with pressure. */
export function ContactGlyph({
  plan,
  handPart,
  scale,
  avoidZones,
  reducedMotion,
}: ContactGlyphProps) {
  const invalidate = useThree((s) => s.invalidate);
  const parts = useMemo(() => {
    const geometry = new SphereGeometry(1, 20, 12);
    const material = new MeshStandardMaterial({
      color: LIGHT.clone(),
      roughness: 0.35,
      transparent: true,
      opacity: 0.82,
      emissive: new Color('#0a2533'),
    });
    const group = new Group();
    for (const [x, z, rx, ry, rz] of SHAPES[handPart]) {
      const blob = new Mesh(geometry, material);
      blob.position.set(x * scale, ry * scale, z * scale);
      blob.scale.set(rx * scale, ry * scale, rz * scale);
      group.add(blob);
    }
    return { group, geometry, material };
  }, [handPart, scale]);
  useEffect(
    () => () => {
      parts.geometry.dispose();
      parts.material.dispose();
    },
    [parts],
  );

  const update = useMemo(() => {
    const sample = createMotionSample();
    const basis = new Matrix4();
    const x = new Vector3();
    const y = new Vector3();
    const z = new Vector3();
    return (seconds: number, progress: number) => {
      sampleMotionAt(plan, seconds, sample, progress);
      y.fromArray(sample.normal);
      z.fromArray(sample.tangent);
      x.crossVectors(y, z).normalize();
      z.crossVectors(x, y).normalize();
      basis.makeBasis(x, y, z);
      const g = parts.group;
      g.quaternion.setFromRotationMatrix(basis);
      const lift = (1 - sample.contact) * LIFT_M * scale;
      g.position.fromArray(sample.position).addScaledVector(y, lift);
      g.scale.setScalar(0.85 + 0.3 * sample.pressure);
      parts.material.color.copy(LIGHT).lerp(VIGOROUS, Math.min(1, sample.pressure));
      g.visible = !sample.transfer || sample.contact > 0.05;
      if (sample.inAvoidZone || avoidZones.has(sample.zone)) {
        usePlayerStore.getState().setAvoidTouched(sample.zone);
      }
    };
  }, [plan, parts, scale, avoidZones]);

  useEffect(() => {
    usePlayerStore.getState().setAvoidTouched(null);
    update(reducedMotion ? 0 : playerEngine.state.elapsed, stepProgress(playerEngine.state));
    invalidate();
  }, [update, reducedMotion, invalidate]);

  useFrame(() => {
    const state = playerEngine.state;
    if (reducedMotion || state.status !== 'playing') return;
    update(state.elapsed, stepProgress(state));
  });

  return <primitive object={parts.group} />;
}
