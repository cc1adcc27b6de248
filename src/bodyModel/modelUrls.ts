import adultUrl from '../../models/body-adult.glb?url';
import childUrl from '../../models/body-child.glb?url';
import type { BodyKind } from '../domain/body.ts';

export type { BodyKind };

export const MODEL_URLS: Readonly<Record<BodyKind, string>> = { adult: adultUrl, child: childUrl };
