import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import {
  BufferAttribute,
  BufferGeometry,
  DynamicDrawUsage,
  Group,
  Line,
  LineBasicMaterial,
  Points,
  PointsMaterial,
  type Object3D,
  type Vector3,
} from 'three';
import { MAX_TRACE_POINTS } from '../../domain/traceInput.ts';

const TRACE_COLOR = '#e8590c';

export interface TraceLine {
  /** Add to the scene (as a `primitive`): it follows `body`'s pose by itself. */
  readonly group: Group;
  /** Forgets the points drawn. */
  clear(): void;
  /** Adds a point, given in world space (stored in the body's frame). */
  add(world: Vector3): void;
  /** Takes the body's current pose as the frame of the points added next. */
  follow(): void;
}

/**
 * The trace drawn on the body: one buffer filled in place, drawn as a line and as round dots for
 * thickness, kept in the body's frame so that it moves with the body's pose. Disposed with the
 * component.
 */
export function useTraceLine(body: Object3D): TraceLine {
  const invalidate = useThree((s) => s.invalidate);
  const line = useMemo(() => {
    const positions = new Float32Array(MAX_TRACE_POINTS * 3);
    const geometry = new BufferGeometry();
    const attribute = new BufferAttribute(positions, 3);
    attribute.setUsage(DynamicDrawUsage);
    geometry.setAttribute('position', attribute);
    geometry.setDrawRange(0, 0);
    const lineMaterial = new LineBasicMaterial({ color: TRACE_COLOR });
    const pointMaterial = new PointsMaterial({
      color: TRACE_COLOR,
      size: 7,
      sizeAttenuation: false,
    });
    const group = new Group();
    group.matrixAutoUpdate = false;
    group.name = 'train-trace';
    for (const o of [new Line(geometry, lineMaterial), new Points(geometry, pointMaterial)]) {
      o.frustumCulled = false;
      o.raycast = () => undefined;
      o.renderOrder = 2;
      group.add(o);
    }
    return { positions, geometry, attribute, group, lineMaterial, pointMaterial };
  }, []);
  useEffect(
    () => () => {
      line.geometry.dispose();
      line.lineMaterial.dispose();
      line.pointMaterial.dispose();
    },
    [line],
  );

  const api = useMemo((): TraceLine => {
    let count = 0;
    const toBody = body.matrixWorld.clone();
    return {
      group: line.group,
      clear: () => {
        count = 0;
        line.geometry.setDrawRange(0, 0);
        invalidate();
      },
      add: (world) => {
        if (count >= MAX_TRACE_POINTS) return;
        const local = world.clone().applyMatrix4(toBody);
        line.positions.set([local.x, local.y, local.z], count * 3);
        count++;
        line.geometry.setDrawRange(0, count);
        line.attribute.needsUpdate = true;
        invalidate();
      },
      follow: () => {
        body.updateWorldMatrix(true, false);
        toBody.copy(body.matrixWorld).invert();
      },
    };
  }, [line, body, invalidate]);

  // The drawing follows the body's pose (it is kept in the body's frame).
  useFrame(() => {
    body.updateWorldMatrix(true, false);
    if (!line.group.matrix.equals(body.matrixWorld)) {
      line.group.matrix.copy(body.matrixWorld);
      line.group.matrixWorldNeedsUpdate = true;
      invalidate();
    }
  });
  return api;
}
