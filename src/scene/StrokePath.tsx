import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import {
  CatmullRomCurve3,
  ConeGeometry,
  Group,
  InstancedMesh,
  Matrix4,
  Mesh,
  MeshBasicMaterial,
  Quaternion,
  SphereGeometry,
  TubeGeometry,
  Vector3,
} from 'three';
import { createPathTrail, samplePathTrail, type MotionPlan } from '../domain/motion/index.ts';
import { playerEngine } from '../state/playerStore.ts';

const MAX_ARROWS = 96;
/** Name of the object holding the drawn path; its `userData.strokes` are the plan's strokes. */
export const STROKE_PATH_NAME = 'footwork-stroke-path';
/**
 * The path's tube: a line about a millimetre thick needs few sides, and a few hundred segments
 * follow the tightest circles of a step; more only adds triangles, which a software renderer pays
 * for in every frame while the step plays.
 */
const TUBE_SEGMENTS = 256;
const TUBE_SIDES = 5;
/** Lift above the skin so the line never sinks into it, metres. */
const LIFT_M = 0.0015;

interface StrokePathProps {
  readonly plan: MotionPlan;
  /** Body size relative to the adult: scales line thickness and arrowheads. */
  readonly scale: number;
  readonly reducedMotion: boolean;
}

/**
 * The step's path on the skin — a thin tube per stroke (a dot for a press) — with arrowheads
 * flowing along it in the direction of travel at the tempo. Static arrows with reduced motion.
 */
export function StrokePath({ plan, scale, reducedMotion }: StrokePathProps) {
  const invalidate = useThree((s) => s.invalidate);
  const arrowsRef = useRef<InstancedMesh>(null);
  const trail = useMemo(() => createPathTrail(), []);
  const resources = useMemo(() => {
    const lineMaterial = new MeshBasicMaterial({
      color: '#1f7bff',
      transparent: true,
      opacity: 0.85,
      depthWrite: false,
    });
    const arrowMaterial = new MeshBasicMaterial({ color: '#0b3d91' });
    const arrowGeometry = new ConeGeometry(0.0045 * scale, 0.011 * scale, 10);
    // Cones point along +Y; the arrow's local +Y will be the direction of travel.
    const group = new Group();
    // Named, with the strokes it draws, so that a picture of the canvas (the printed handout) can
    // redraw the path over it in print-strong lines.
    group.name = STROKE_PATH_NAME;
    group.userData = { strokes: plan.path.strokes };
    for (const stroke of plan.path.strokes) {
      const pts: Vector3[] = [];
      for (let i = 0; i < stroke.count; i++) {
        pts.push(
          new Vector3(
            (stroke.points[i * 3] ?? 0) + (stroke.normals[i * 3] ?? 0) * LIFT_M,
            (stroke.points[i * 3 + 1] ?? 0) + (stroke.normals[i * 3 + 1] ?? 0) * LIFT_M,
            (stroke.points[i * 3 + 2] ?? 0) + (stroke.normals[i * 3 + 2] ?? 0) * LIFT_M,
          ),
        );
      }
      const first = pts.at(0);
      if (!first) continue;
      if (pts.length < 2 || stroke.contact === 'press') {
        const dot = new Mesh(new SphereGeometry(0.004 * scale, 12, 8), lineMaterial);
        dot.position.copy(first);
        group.add(dot);
      } else {
        const curve = new CatmullRomCurve3(pts, false, 'centripetal');
        const tube = new TubeGeometry(
          curve,
          Math.min(TUBE_SEGMENTS, pts.length * 2),
          0.0011 * scale,
          TUBE_SIDES,
          false,
        );
        group.add(new Mesh(tube, lineMaterial));
      }
    }
    return { group, lineMaterial, arrowMaterial, arrowGeometry };
  }, [plan, scale]);

  useEffect(
    () => () => {
      resources.group.traverse((o) => {
        if (o instanceof Mesh) (o.geometry as TubeGeometry).dispose();
      });
      resources.lineMaterial.dispose();
      resources.arrowMaterial.dispose();
      resources.arrowGeometry.dispose();
    },
    [resources],
  );

  const place = useMemo(() => {
    const m = new Matrix4();
    const q = new Quaternion();
    const up = new Vector3(0, 1, 0);
    const dir = new Vector3();
    const pos = new Vector3();
    const s = new Vector3(1, 1, 1);
    return (timeS: number) => {
      const mesh = arrowsRef.current;
      if (!mesh) return;
      samplePathTrail(plan, timeS, { arrowSpacingM: 0.03 * scale }, trail);
      const count = Math.min(MAX_ARROWS, trail.arrowCount);
      for (let i = 0; i < count; i++) {
        const n = [
          trail.arrowNormals[i * 3] ?? 0,
          trail.arrowNormals[i * 3 + 1] ?? 0,
          trail.arrowNormals[i * 3 + 2] ?? 0,
        ];
        pos.set(
          (trail.arrows[i * 3] ?? 0) + (n[0] ?? 0) * LIFT_M * 2,
          (trail.arrows[i * 3 + 1] ?? 0) + (n[1] ?? 0) * LIFT_M * 2,
          (trail.arrows[i * 3 + 2] ?? 0) + (n[2] ?? 0) * LIFT_M * 2,
        );
        dir.set(
          trail.arrowDirections[i * 3] ?? 0,
          trail.arrowDirections[i * 3 + 1] ?? 1,
          trail.arrowDirections[i * 3 + 2] ?? 0,
        );
        q.setFromUnitVectors(up, dir.normalize());
        mesh.setMatrixAt(i, m.compose(pos, q, s));
      }
      mesh.count = count;
      mesh.instanceMatrix.needsUpdate = true;
    };
  }, [plan, scale, trail]);

  useEffect(() => {
    place(reducedMotion ? 0 : playerEngine.state.elapsed);
    invalidate();
  }, [place, reducedMotion, invalidate]);

  useFrame(() => {
    if (reducedMotion || playerEngine.state.status !== 'playing') return;
    place(playerEngine.state.elapsed);
  });

  return (
    <group>
      <primitive object={resources.group} />
      <instancedMesh
        ref={arrowsRef}
        args={[resources.arrowGeometry, resources.arrowMaterial, MAX_ARROWS]}
        frustumCulled={false}
      />
    </group>
  );
}
