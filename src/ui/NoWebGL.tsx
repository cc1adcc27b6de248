import { useState } from 'react';
import type { LoadedProtocol } from '../content/index.ts';
import { localized } from '../content/localized.ts';
import { describeDose, describeIntensity, techniqueWord } from '../domain/stepWords.ts';
import { useT } from '../i18n/localeStore.ts';
import { zoneAvoidReason, zoneDescription, zoneName } from '../i18n/zones.ts';
import { ZONES } from '../state/catalogue.ts';
import { useContentStore } from '../state/contentStore.ts';
import { StepImage } from './sketch/StepImage.tsx';

/** Size of the child body relative to the adult. */
const CHILD_SCALE = 0.56;

/** One protocol as text; its step pictures are drawn the first time it is opened. */
function ProtocolTextItem({ loaded }: { readonly loaded: LoadedProtocol }) {
  const { protocol } = loaded;
  const { locale } = useT();
  const [opened, setOpened] = useState(false);
  return (
    <details
      className="protocol-text-item"
      data-protocol={protocol.id}
      onToggle={(e) => {
        if (e.currentTarget.open) setOpened(true);
      }}
    >
      <summary>
        {protocol.catalogueId}. {localized(protocol.title, locale)}
      </summary>
      <ol>
        {protocol.steps.map((step) => (
          <li key={step.id}>
            <h4>{localized(step.title, locale)}</h4>
            <p>{localized(step.text, locale)}</p>
            <p className="muted small">
              {techniqueWord(step.technique, locale)}
              {step.zones.length > 0
                ? ` · ${step.zones.map((z) => zoneName(z, locale)).join(', ')}`
                : ''}{' '}
              · {describeIntensity(step, locale)} · {describeDose(step, locale)}
            </p>
            {opened ? (
              <StepImage
                kind={protocol.body}
                step={step}
                side={step.side === 'right' ? 'R' : 'L'}
                morphs={protocol.bodyMorphs ?? NO_MORPHS}
                bodyScale={protocol.body === 'child' ? CHILD_SCALE : 1}
                pose={(step.position ?? protocol.position).pose}
                title={localized(step.title, locale)}
              />
            ) : null}
          </li>
        ))}
      </ol>
    </details>
  );
}

const NO_MORPHS = {};

/** Every protocol and its steps as text: the way through the atlas without 3D graphics. */
function ProtocolText() {
  const protocols = useContentStore((s) => s.data?.protocols);
  const { t } = useT();
  if (!protocols) return <p className="muted">{t('ui.noWebgl.loading')}</p>;
  return (
    <section className="protocol-text" aria-labelledby="protocol-text-title">
      <h3 id="protocol-text-title">{t('ui.noWebgl.protocols')}</h3>
      {protocols.map((loaded) => (
        <ProtocolTextItem key={loaded.protocol.id} loaded={loaded} />
      ))}
    </section>
  );
}

/** Shown instead of the 3D view when the browser cannot create a WebGL context. */
export function NoWebGL() {
  const { t, locale } = useT();
  return (
    <div className="no-webgl">
      {/* Only the message is announced; the text below is there to be read at the user's pace. */}
      <div role="alert">
        <h2>{t('ui.noWebgl.title')}</h2>
        <p>{t('ui.noWebgl.text')}</p>
      </div>
      <ProtocolText />
      <h3>{t('ui.zones')}</h3>
      <dl className="zone-text">
        {ZONES.filter((z) => z.group !== 'other').map((z) => (
          <div key={z.id}>
            <dt>
              {zoneName(z.id, locale)}
              {z.avoid ? ` ${t('ui.zone.avoidSuffix')}` : ''}
            </dt>
            <dd>
              {zoneDescription(z.id, locale)}
              {z.avoid ? ` ${zoneAvoidReason(z.id, locale) ?? ''}` : ''}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
