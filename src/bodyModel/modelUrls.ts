import adultUrl from '../../models/body-adult.glb?url';
import childUrl from '../../models/body-child.glb?url';

export type BodyKind = 'adult' | 'child';

export const MODEL_URLS: Record<BodyKind, string> = { adult: adultUrl, child: childUrl };
