import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useRef } from 'react';
import { PropertyBinding, Vector3, type Object3D, type Scene } from 'three';
import { sameCue, screenCue, type ScreenCue } from '../domain/orientation.ts';
import { orientationTracker } from '../state/orientationCue.ts';

/** The landmarks that give the body's long axis and the left foot's heel-to-toes line. */
const KEYS = ['lm:neck_back', 'lm:heel_back.L', 'lm:heel_back.R', 'lm:first_mtp_center.L'] as const;

function attached(o: Object3D, scene: Scene): boolean {
  for (let p: Object3D | null = o; p; p = p.parent) if (p === scene) return true;
  return false;
}

/**
 * Reports which way the head and the toes point on the screen (`orientationTracker`) after each
 * frame in which the camera or the body moved them. Reads four landmarks of the model; finds them
 * again when the model changes. Touches no React state.
 */
export function OrientationWatch() {
  const scene = useThree((s) => s.scene);
  const found = useRef<Object3D[] | null>(null);
  const shown = useRef<{ head: ScreenCue | null; toes: ScreenCue | null }>({
    head: null,
    toes: null,
  });
  const v = useRef({
    neck: new Vector3(),
    heelL: new Vector3(),
    heelR: new Vector3(),
    toe: new Vector3(),
    dir: new Vector3(),
  });
  useEffect(() => () => orientationTracker.emit({ head: null, toes: null }), []);

  useFrame(({ camera }) => {
    let lms = found.current;
    if (!lms || !lms.every((o) => attached(o, scene))) {
      const all = KEYS.map((k) => scene.getObjectByName(PropertyBinding.sanitizeNodeName(k)));
      lms = all.every((o): o is Object3D => o !== undefined) ? all : null;
      found.current = lms;
    }
    let head: ScreenCue | null = null;
    let toes: ScreenCue | null = null;
    if (lms) {
      const [neckO, heelLO, heelRO, toeO] = lms as [Object3D, Object3D, Object3D, Object3D];
      const { neck, heelL, heelR, toe, dir } = v.current;
      neckO.getWorldPosition(neck);
      heelLO.getWorldPosition(heelL);
      heelRO.getWorldPosition(heelR);
      toeO.getWorldPosition(toe);
      // Into the camera's frame (directions only: the rotation part of the view matrix).
      dir.copy(neck).sub(heelL.add(heelR).multiplyScalar(0.5));
      dir.transformDirection(camera.matrixWorldInverse);
      head = screenCue(dir.x, dir.y, dir.z);
      dir.copy(toe).sub(heelLO.getWorldPosition(heelL));
      dir.transformDirection(camera.matrixWorldInverse);
      toes = screenCue(dir.x, dir.y, dir.z);
    }
    if (sameCue(head, shown.current.head) && sameCue(toes, shown.current.toes)) return;
    shown.current = { head, toes };
    orientationTracker.emit({ head, toes });
  });
  return null;
}
