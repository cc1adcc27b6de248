import { Color, MeshLambertMaterial, MeshStandardMaterial, type Material } from 'three';
import { SKIN_BASE_COLOR } from '../domain/body.ts';
import { SKIN } from './sceneStyle.ts';

/** One set of the body's paints. */
export interface BodyPaints {
  readonly skin: Material;
  readonly hovered: Material;
  readonly selected: Material;
  readonly avoid: Material;
  /** The current step's zones. */
  readonly glow: Material;
  /** Avoid zones within reach of the current step: red with diagonal hatching. */
  readonly hatch: Material;
}

/**
 * Shared materials of the body, created once per Body mount and disposed with it: physically
 * based for the still picture, and the same colours with plain diffuse light (`light`) for
 * playback on a software renderer, where every fragment's lighting is paid on the CPU.
 */
export interface BodyMaterials extends BodyPaints {
  readonly light: BodyPaints;
  dispose: () => void;
}

export const SKIN_COLOR = new Color(SKIN);

/**
 * The body's vertex colours carry baked ambient occlusion and tints (nails, hair, lips) relative to
 * `SKIN_BASE_COLOR`; a paint shows its own colour on plain open skin when divided by that base.
 */
export function overSkinBase(color: Color): Color {
  return new Color(
    color.r / SKIN_BASE_COLOR[0],
    color.g / SKIN_BASE_COLOR[1],
    color.b / SKIN_BASE_COLOR[2],
  );
}

/** Red hatching in world space: stripes 6 mm apart, independent of the mesh's UVs (it has none). */
function addHatching(material: MeshStandardMaterial | MeshLambertMaterial): void {
  material.onBeforeCompile = (shader) => {
    shader.vertexShader = shader.vertexShader
      .replace('#include <common>', '#include <common>\nvarying vec3 vHatchPos;')
      .replace(
        '#include <worldpos_vertex>',
        '#include <worldpos_vertex>\nvHatchPos = (modelMatrix * vec4(transformed, 1.0)).xyz;',
      );
    shader.fragmentShader = shader.fragmentShader
      .replace('#include <common>', '#include <common>\nvarying vec3 vHatchPos;')
      .replace(
        '#include <color_fragment>',
        '#include <color_fragment>\nfloat hatch = step(0.5, fract((vHatchPos.x + vHatchPos.y + vHatchPos.z) * 120.0));\ndiffuseColor.rgb = mix(diffuseColor.rgb, vec3(0.55, 0.02, 0.02), hatch * 0.75);',
      );
  };
  material.customProgramCacheKey = () => `footwork-hatch-${material.type}`;
}

export function createBodyMaterials(): BodyMaterials {
  const base = { roughness: 0.62, metalness: 0, vertexColors: true } as const;
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
  const glow = new MeshStandardMaterial({
    ...base,
    color: SKIN_COLOR.clone().lerp(new Color('#ffd36b'), 0.45),
    emissive: new Color('#4a3300'),
  });
  const hatch = new MeshStandardMaterial({
    ...base,
    color: SKIN_COLOR.clone().lerp(new Color('#ff4b3e'), 0.55),
    emissive: new Color('#2a0402'),
  });
  addHatching(hatch);
  const standard = { skin, hovered, selected, avoid, glow, hatch };
  for (const m of Object.values(standard)) m.color = overSkinBase(m.color);
  const lambert = (m: MeshStandardMaterial) =>
    new MeshLambertMaterial({ color: m.color, emissive: m.emissive, vertexColors: true });
  const light = {
    skin: lambert(skin),
    hovered: lambert(hovered),
    selected: lambert(selected),
    avoid: lambert(avoid),
    glow: lambert(glow),
    hatch: lambert(hatch),
  };
  addHatching(light.hatch);
  const all = [...Object.values(standard), ...Object.values(light)];
  return {
    ...standard,
    light,
    dispose: () => {
      for (const m of all) m.dispose();
    },
  };
}
