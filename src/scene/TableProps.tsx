import { useMemo } from 'react';
import type { Position } from '../content/schema.ts';
import type { BodyData } from '../domain/body.ts';
import { TABLE_TOP_M, applyPose, type PoseTransform } from '../domain/pose.ts';
import type { Bounds } from '../domain/views.ts';

interface TablePropsProps {
  readonly position: Position;
  readonly pose: PoseTransform;
  readonly bounds: Bounds;
  readonly landmarks: BodyData['landmarks'];
  /** Body size relative to the adult: the bolster shrinks with it. */
  readonly scale: number;
}

const BOLSTER_R = 0.06;

/** Where a bolster goes for each prop, by landmark (model space, either side). */
const BOLSTER_AT: Partial<Record<Position['props'][number], string>> = {
  bolster_under_knees: 'popliteal_center',
  cushion_under_ankles: 'ankle_front',
  pillow_under_lower_legs: 'shin_low',
};

/** Name of the props' group: a picture for print draws them in light tints (the handout). */
export const PROPS_NAME = 'footwork-props';

/** A simple massage table under a lying body, with the bolster or cushion the step names. */
export function TableProps({ position, pose, bounds, landmarks, scale }: TablePropsProps) {
  const r = BOLSTER_R * scale;
  const table = useMemo(() => {
    const length = bounds.max[1] - bounds.min[1];
    const overEdge = position.props.includes('legs_over_edge');
    // Feet end at the +Z end for supine (head toward -Z) and at the -Z end for prone.
    const footEnd = pose.rotationX < 0 ? 1 : -1;
    const cut = overEdge ? 0.28 : -0.05;
    const half = length / 2;
    const zHead = -footEnd * (half + 0.08);
    const zFeet = footEnd * (half - cut);
    return { width: 0.62, z: (zHead + zFeet) / 2, length: Math.abs(zFeet - zHead) };
  }, [bounds, pose.rotationX, position.props]);

  const bolsters = position.props.flatMap((prop) => {
    const name = BOLSTER_AT[prop];
    const lm = name ? landmarks.get(`${name}.L`) : undefined;
    if (!lm) return [];
    const world = applyPose(pose, lm.position);
    return [{ prop, z: world[2] }];
  });

  return (
    <group name={PROPS_NAME}>
      <mesh position={[0, TABLE_TOP_M - 0.03, table.z]}>
        <boxGeometry args={[table.width, 0.06, table.length]} />
        <meshStandardMaterial color="#5b6576" roughness={0.8} />
      </mesh>
      {[-1, 1].flatMap((sx) =>
        [-1, 1].map((sz) => (
          <mesh
            key={`${String(sx)}${String(sz)}`}
            position={[
              sx * (table.width / 2 - 0.05),
              (TABLE_TOP_M - 0.06) / 2,
              table.z + sz * (table.length / 2 - 0.08),
            ]}
          >
            <boxGeometry args={[0.05, TABLE_TOP_M - 0.06, 0.05]} />
            <meshStandardMaterial color="#3c4350" />
          </mesh>
        )),
      )}
      {bolsters.map((b) => (
        <mesh
          key={b.prop}
          position={[0, TABLE_TOP_M + r * 0.15, b.z]}
          rotation={[0, 0, Math.PI / 2]}
        >
          <cylinderGeometry args={[r, r, 0.55 * scale + 0.1, 24]} />
          <meshStandardMaterial color="#8aa4c8" roughness={0.9} />
        </mesh>
      ))}
    </group>
  );
}
