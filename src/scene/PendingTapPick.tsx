import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { Matrix4, Raycaster, Vector2, type Mesh } from 'three';
import { usePendingTap } from '../state/pendingTap.ts';
import { useViewerStore } from '../state/viewerStore.ts';
import { zoneOfObject } from './zoneMeshes.ts';

/**
 * Answers a tap that came before the body could be picked (`usePendingTap`): once the body is
 * drawn and the camera stands still, the zone under that point is selected (named by the zone chip), as the tap
 * would have done had the body been ready. A tap beside the body selects nothing.
 */
export function PendingTapPick({ meshes }: { readonly meshes: readonly Mesh[] }) {
  const gl = useThree((s) => s.gl);
  const invalidate = useThree((s) => s.invalidate);
  const tools = useMemo(() => {
    const raycaster = new Raycaster();
    (raycaster as Raycaster & { firstHitOnly?: boolean }).firstHitOnly = true;
    return { raycaster, ndc: new Vector2(), lastView: new Matrix4(), still: 0 };
  }, []);
  // A tap waiting and a body drawn: draw a frame, in which it is answered.
  useEffect(
    () =>
      usePendingTap.subscribe((s) => {
        if (s.tap) invalidate();
      }),
    [invalidate],
  );
  useEffect(() => {
    if (usePendingTap.getState().tap) invalidate();
  }, [meshes, invalidate]);

  useFrame(({ camera }) => {
    const tap = usePendingTap.getState().tap;
    if (!tap || meshes.length === 0 || !useViewerStore.getState().modelReady) return;
    // The camera may still be flying to the view the first picture showed: answer once it has
    // stood still for two frames (drawing frames meanwhile).
    tools.still = tools.lastView.equals(camera.matrixWorld) ? tools.still + 1 : 0;
    tools.lastView.copy(camera.matrixWorld);
    if (tools.still < 2) {
      invalidate();
      return;
    }
    tools.still = 0;
    usePendingTap.getState().setTap(null);
    const rect = gl.domElement.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) return;
    tools.ndc.set(
      ((tap.x - rect.left) / rect.width) * 2 - 1,
      -((tap.y - rect.top) / rect.height) * 2 + 1,
    );
    tools.raycaster.setFromCamera(tools.ndc, camera);
    const hit = tools.raycaster
      .intersectObjects(
        meshes.filter((m) => m.visible),
        false,
      )
      .at(0);
    const zone = hit ? zoneOfObject(hit.object) : null;
    if (zone) useViewerStore.getState().select(zone);
  });
  return null;
}
