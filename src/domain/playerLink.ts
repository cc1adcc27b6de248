/**
 * Deep links into the player: which protocol, step, side, speed, view and body, as URL search
 * parameters. Decoding never throws: each bad or missing value falls back to its default on its
 * own, so a half-broken link still opens what it can.
 *
 * In the URL the step is 1-based (`step=3` is the third step, as people count); in code it is the
 * 0-based index the player uses.
 */
import { BODY_KINDS, type BodyKind, type Side } from './body.ts';
import { snapSpeed } from './player.ts';
import { isViewId, type ViewId } from './views.ts';

export interface PlayerLink {
  /** Protocol id (kebab-case), or null when the link names none or a malformed one. */
  readonly protocol: string | null;
  /** 0-based step index. */
  readonly step: number;
  readonly side: Side;
  readonly speed: number;
  /** Camera view, or null for the step's own view. */
  readonly view: ViewId | null;
  readonly body: BodyKind;
}

export const DEFAULT_PLAYER_LINK: PlayerLink = {
  protocol: null,
  step: 0,
  side: 'L',
  speed: 1,
  view: null,
  body: 'adult',
};

const PROTOCOL_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_PROTOCOL_LENGTH = 64;
/** Steps a link may name (a protocol has far fewer). */
const MAX_STEP = 999;

export interface PlayerLinkInput {
  readonly protocol: string;
  readonly step: number;
  readonly side: Side;
  readonly speed: number;
  /** Absent or null: the step's own view. */
  readonly view?: ViewId | null;
  readonly body?: BodyKind;
}

/**
 * The search string (without `?`) for a player link. Values at their defaults (speed 1, the
 * step's own view, the adult body) are left out to keep links short; invalid values are left out
 * too, so what is encoded always decodes to the same thing.
 */
export function encodePlayerLink(link: PlayerLinkInput): string {
  const params = new URLSearchParams();
  if (isProtocolId(link.protocol)) params.set('protocol', link.protocol);
  if (Number.isInteger(link.step) && link.step >= 0 && link.step < MAX_STEP)
    params.set('step', String(link.step + 1));
  params.set('side', link.side);
  const speed = snapSpeed(link.speed);
  if (speed !== null && speed !== 1) params.set('speed', String(speed));
  if (link.view !== undefined && link.view !== null && isViewId(link.view))
    params.set('view', link.view);
  if (link.body !== undefined && link.body !== 'adult' && isBodyKind(link.body))
    params.set('body', link.body);
  return params.toString();
}

/**
 * Reads a player link from a search string (`?protocol=…&step=…`, with or without `?`) or from
 * URLSearchParams. Unknown parameters are ignored; each bad value yields its default.
 */
export function decodePlayerLink(search: string | URLSearchParams): PlayerLink {
  let params: URLSearchParams;
  try {
    params =
      typeof search === 'string'
        ? new URLSearchParams(search.startsWith('?') ? search.slice(1) : search)
        : search;
  } catch {
    return DEFAULT_PLAYER_LINK;
  }
  const protocol = params.get('protocol');
  const step = parseStep(params.get('step'));
  const side = parseSide(params.get('side'));
  const speed = parseSpeed(params.get('speed'));
  const view = params.get('view');
  const body = params.get('body');
  return {
    protocol: protocol !== null && isProtocolId(protocol) ? protocol : DEFAULT_PLAYER_LINK.protocol,
    step: step ?? DEFAULT_PLAYER_LINK.step,
    side: side ?? DEFAULT_PLAYER_LINK.side,
    speed: speed ?? DEFAULT_PLAYER_LINK.speed,
    view: view !== null && isViewId(view) ? view : DEFAULT_PLAYER_LINK.view,
    body: body !== null && isBodyKind(body) ? body : DEFAULT_PLAYER_LINK.body,
  };
}

/**
 * The body the first view shows for a link: the one its protocol is written for (a child's
 * protocol plays on the child's body, whatever the link says), else the link's `body`.
 */
export function firstViewBody(
  link: Pick<PlayerLink, 'protocol' | 'body'>,
  catalogue: readonly { readonly id: string; readonly body: string }[],
): BodyKind {
  const body = catalogue.find((p) => p.id === link.protocol)?.body;
  return isBodyKind(body) ? body : link.body;
}

export function isBodyKind(value: unknown): value is BodyKind {
  return typeof value === 'string' && (BODY_KINDS as readonly string[]).includes(value);
}

function isProtocolId(value: string): boolean {
  return value.length <= MAX_PROTOCOL_LENGTH && PROTOCOL_ID.test(value);
}

/** 1-based decimal step → 0-based index, or null. */
function parseStep(value: string | null): number | null {
  if (value === null || !/^[1-9][0-9]{0,2}$/.test(value)) return null;
  const n = Number(value);
  return n <= MAX_STEP ? n - 1 : null;
}

/** `L` / `R`, also `l`, `left`, `right` in any case; else null. */
function parseSide(value: string | null): Side | null {
  const v = value?.trim().toLowerCase();
  if (v === 'l' || v === 'left') return 'L';
  if (v === 'r' || v === 'right') return 'R';
  return null;
}

/** A speed within 0.25–2 snapped to an offered speed; out of range or not a number → null. */
function parseSpeed(value: string | null): number | null {
  if (value === null || !/^[0-9]*\.?[0-9]+$/.test(value.trim())) return null;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0.25 || n > 2) return null;
  return snapSpeed(n);
}
