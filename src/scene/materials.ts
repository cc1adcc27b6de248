import { Color, MeshStandardMaterial } from 'three';

/** Shared materials of the body. Created once per Body mount and disposed with it. */
export interface BodyMaterials {
  readonly skin: MeshStandardMaterial;
  readonly hovered: MeshStandardMaterial;
  readonly selected: MeshStandardMaterial;
  readonly avoid: MeshStandardMaterial;
  dispose: () => void;
}

export const SKIN_COLOR = new Color('#e4b79b');

export function createBodyMaterials(): BodyMaterials {
  const base = { roughness: 0.62, metalness: 0 } as const;
  const skin = new MeshStandardMaterial({ ...base, color: SKIN_COLOR });
  const hovered = new MeshStandardMaterial({
    ...base,
    color: SKIN_COLOR.clone().lerp(new Color('#7fb6ff'), 0.35),
    emissive: new Color('#16304f'),
  });
  const selected = new MeshStandardMaterial({
    ...base,
    color: SKIN_COLOR.clone().lerp(new Color('#3d8bff'), 0.55),
    emissive: new Color('#102a52'),
  });
  const avoid = new MeshStandardMaterial({
    ...base,
    color: SKIN_COLOR.clone().lerp(new Color('#e0312b'), 0.6),
    emissive: new Color('#3a0806'),
  });
  return {
    skin,
    hovered,
    selected,
    avoid,
    dispose: () => {
      skin.dispose();
      hovered.dispose();
      selected.dispose();
      avoid.dispose();
    },
  };
}
