import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { Color, Group, Matrix4, Mesh, MeshStandardMaterial, SphereGeometry, Vector3 } from 'three';
import type { HandPart } from '../content/schema.ts';
import { GLYPH_SHAPES, createBlobPlaces, placeGlyphBlobs } from '../domain/glyphShape.ts';
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
    const blobs = GLYPH_SHAPES[handPart];
    const meshes = blobs.map(() => {
      const blob = new Mesh(geometry, material);
      group.add(blob);
      return blob;
    });
    return { group, geometry, material, blobs, meshes };
  }, [handPart]);
  useEffect(
    () => () => {
      parts.geometry.dispose();
      parts.material.dispose();
    },
    [parts],
  );

  const update = useMemo(() => {
    const sample = createMotionSample();
    const places = createBlobPlaces(parts.blobs.length);
    const basis = new Matrix4();
    const x = new Vector3();
    const y = new Vector3();
    const z = new Vector3();
    return (seconds: number, progress: number) => {
      sampleMotionAt(plan, seconds, sample, progress);
      const lift = (1 - sample.contact) * LIFT_M * scale;
      // Each blob on the skin where it lies (both hands round a curved calf), not in one plane.
      placeGlyphBlobs(
        parts.blobs,
        sample.position,
        sample.normal,
        sample.tangent,
        scale,
        lift,
        plan.skin,
        places,
      );
      const size = 0.85 + 0.3 * sample.pressure;
      parts.meshes.forEach((mesh, i) => {
        const place = places[i];
        const blob = parts.blobs[i];
        if (!place || !blob) return;
        basis.makeBasis(x.fromArray(place.x), y.fromArray(place.y), z.fromArray(place.z));
        mesh.quaternion.setFromRotationMatrix(basis);
        mesh.position.fromArray(place.position);
        mesh.scale.set(blob[2] * scale * size, blob[3] * scale * size, blob[4] * scale * size);
      });
      const g = parts.group;
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
