import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import {
  BufferGeometry,
  ConeGeometry,
  DoubleSide,
  Line,
  LineBasicMaterial,
  MeshBasicMaterial,
  Quaternion,
  Vector2,
  Vector3,
  type Group,
} from 'three';
import type { Step } from '../content/schema.ts';
import { rollingAt, rollingTrack, type RollingPlan } from '../domain/rolling.ts';
import type { StepProp } from '../domain/stepProps.ts';
import { playerEngine } from '../state/playerStore.ts';

interface Rolling {
  readonly plan: RollingPlan;
  readonly tempo: Step['tempo'];
}

/** The rolled prop: where the plan has it at the player's time, while playing. */
function Rolled({
  at,
  rolling,
  reducedMotion,
  children,
}: {
  at: readonly [number, number, number];
  rolling: Rolling;
  reducedMotion: boolean;
  children: ReactNode;
}) {
  const ref = useRef<Group>(null);
  useFrame(() => {
    const g = ref.current;
    if (!g || reducedMotion || playerEngine.state.status !== 'playing') return;
    const p = rollingAt(rolling.plan, rolling.tempo, playerEngine.state.elapsed);
    g.position.set(p[0] - at[0], p[1] - at[1], p[2] - at[2]);
  });
  return <group ref={ref}>{children}</group>;
}

const TRACK_COLOR = '#1e6fd9';

/**
 * The rolling path on the floor (`rollingTrack`): a line from the heel's place to the ball of
 * the foot's, with an arrowhead at each end (there and back). One line and two cones.
 */
function Track({ plan }: { plan: RollingPlan }) {
  const parts = useMemo(() => {
    const points = rollingTrack(plan).map((p) => new Vector3(...p));
    const line = new Line(
      new BufferGeometry().setFromPoints(points),
      new LineBasicMaterial({ color: TRACK_COLOR }),
    );
    const cone = new ConeGeometry(0.012, 0.03, 8);
    const material = new MeshBasicMaterial({ color: TRACK_COLOR });
    const heads = [
      [points.at(-2), points.at(-1)],
      [points[1], points[0]],
    ].flatMap(([from, to]) => {
      if (!from || !to) return [];
      const dir = to.clone().sub(from).normalize();
      const q = new Quaternion().setFromUnitVectors(new Vector3(0, 1, 0), dir);
      return [{ at: to.toArray(), q: q.toArray() }];
    });
    return { line, cone, material, heads };
  }, [plan]);
  useEffect(
    () => () => {
      parts.line.geometry.dispose();
      parts.line.material.dispose();
      parts.cone.dispose();
      parts.material.dispose();
    },
    [parts],
  );
  return (
    <group>
      <primitive object={parts.line} />
      {parts.heads.map((h, i) => (
        <mesh
          key={i}
          position={h.at}
          quaternion={h.q}
          geometry={parts.cone}
          material={parts.material}
        />
      ))}
    </group>
  );
}

/** Segments round a prop: light enough for software rendering (a few hundred triangles). */
const ROUND = 16;

function Chair({ p }: { p: Extract<StepProp, { kind: 'chair' }> }) {
  const leg = 0.035;
  const seatT = 0.04;
  const top = p.seat[1];
  const legH = top - seatT;
  const backZ = p.backZ - 0.02;
  return (
    <group>
      <mesh position={[p.seat[0], top - seatT / 2, p.seat[2]]}>
        <boxGeometry args={[p.width, seatT, p.depth]} />
        <meshStandardMaterial color="#8a6a4a" roughness={0.8} />
      </mesh>
      <mesh position={[p.seat[0], top + p.backHeight / 2, backZ]}>
        <boxGeometry args={[p.width, p.backHeight, 0.03]} />
        <meshStandardMaterial color="#8a6a4a" roughness={0.8} />
      </mesh>
      {[-1, 1].flatMap((sx) =>
        [p.seat[2] - p.depth / 2 + leg, p.seat[2] + p.depth / 2 - leg].map((z) => (
          <mesh
            key={`${String(sx)}${String(z)}`}
            position={[p.seat[0] + sx * (p.width / 2 - leg), legH / 2, z]}
          >
            <boxGeometry args={[leg, legH, leg]} />
            <meshStandardMaterial color="#6b5139" roughness={0.8} />
          </mesh>
        )),
      )}
    </group>
  );
}

function Bowl({ p }: { p: Extract<StepProp, { kind: 'bowl' }> }) {
  const profile = useMemo(
    () => [
      new Vector2(0, 0),
      new Vector2(p.radius * 0.92, 0),
      new Vector2(p.radius, p.height * 0.3),
      new Vector2(p.radius * 1.04, p.height),
    ],
    [p.radius, p.height],
  );
  return (
    <group position={p.at}>
      <mesh>
        <latheGeometry args={[profile, ROUND * 2]} />
        <meshStandardMaterial color="#b9c6d3" roughness={0.5} side={DoubleSide} />
      </mesh>
      <mesh position={[0, p.water, 0]} rotation-x={-Math.PI / 2}>
        <circleGeometry args={[p.radius * 1.01, ROUND * 2]} />
        <meshStandardMaterial color="#5fa8d3" transparent opacity={0.55} depthWrite={false} />
      </mesh>
    </group>
  );
}

/** The step's props (`stepProps`): procedural meshes, disposed with the component. */
export function StepProps({
  props,
  rolling,
  reducedMotion,
}: {
  props: readonly StepProp[];
  /** A ball or roller rolled along the path (`rolling`): that prop moves. */
  rolling: Rolling | null;
  reducedMotion: boolean;
}) {
  return (
    <group>
      {rolling ? <Track plan={rolling.plan} /> : null}
      {props.map((p, i) => {
        const key = `${p.kind}${String(i)}`;
        const mesh = shape(p);
        return rolling && p.kind === rolling.plan.kind && 'at' in p ? (
          <Rolled key={key} at={p.at} rolling={rolling} reducedMotion={reducedMotion}>
            {mesh}
          </Rolled>
        ) : (
          <group key={key}>{mesh}</group>
        );
      })}
    </group>
  );
}

/** One prop as simple procedural meshes. */
function shape(p: StepProp) {
  switch (p.kind) {
    case 'chair':
      return <Chair p={p} />;
    case 'bowl':
      return <Bowl p={p} />;
    case 'ball':
      return (
        <mesh position={p.at}>
          <sphereGeometry args={p.radius < 0.015 ? [p.radius, 8, 6] : [p.radius, ROUND, 10]} />
          <meshStandardMaterial color={p.color} roughness={0.7} />
        </mesh>
      );
    case 'roller':
      return (
        <mesh position={p.at} rotation-z={Math.PI / 2}>
          <cylinderGeometry args={[p.radius, p.radius, p.length, ROUND]} />
          <meshStandardMaterial color="#7fbf7f" roughness={0.9} />
        </mesh>
      );
    case 'mat':
      return (
        <mesh position={[p.at[0], p.at[1] - 0.006, p.at[2]]}>
          <boxGeometry args={[p.width, 0.012, p.depth]} />
          <meshStandardMaterial color="#6f8f9f" roughness={0.95} />
        </mesh>
      );
  }
}
