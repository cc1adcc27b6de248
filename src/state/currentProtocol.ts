import { useMemo } from 'react';
import type { LoadedProtocol } from '../content/index.ts';
import { useContentStore } from './contentStore.ts';
import { usePlayerStore } from './playerStore.ts';

/** A loaded protocol by id, or null. */
export function findProtocol(
  protocols: readonly LoadedProtocol[] | undefined,
  id: string | null,
): LoadedProtocol | null {
  return (id !== null && protocols?.find((p) => p.protocol.id === id)) || null;
}

/** The protocol in the player, the same object while it stays. */
export function useCurrentProtocol(): LoadedProtocol | null {
  const id = usePlayerStore((s) => s.player.protocolId);
  const protocols = useContentStore((s) => s.data?.protocols);
  return useMemo(() => findProtocol(protocols, id), [protocols, id]);
}
