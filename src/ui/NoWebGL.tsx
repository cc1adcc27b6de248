import { useState } from 'react';
import type { LoadedProtocol } from '../content/index.ts';
import { localized } from '../content/localized.ts';
import { ZONES } from '../content/zoneCatalogue.ts';
import { BODY_SCALE } from '../domain/body.ts';
import { describeDose, describeIntensity, techniqueWord } from '../domain/stepWords.ts';
import { zoneAvoidReason, zoneDescription, zoneName } from '../i18n/zones.ts';
import { useContentStore } from '../state/contentStore.ts';
import { useT } from '../state/localeStore.ts';
import { StepImage } from './stepSketch/StepSketchImage.tsx';

/** One protocol as text; its step pictures are drawn the first time it is opened. */
function ProtocolTextItem({ loaded }: { readonly loaded: LoadedProtocol }) {
  const { protocol } = loaded;
  const { t, locale } = useT();
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
              {techniqueWord(step.technique, t)}
              {step.zones.length > 0
                ? ` · ${step.zones.map((z) => zoneName(z, locale)).join(', ')}`
                : ''}{' '}
              · {describeIntensity(step, t)} · {describeDose(step, t)}
            </p>
            {opened ? (
              <StepImage
                kind={protocol.body}
                step={step}
                side={step.side === 'right' ? 'R' : 'L'}
                morphs={protocol.bodyMorphs ?? NO_MORPHS}
                bodyScale={BODY_SCALE[protocol.body]}
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
