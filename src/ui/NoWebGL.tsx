import { localized } from '../content/localized.ts';
import { describeDose, describeIntensity, techniqueWord } from '../domain/stepWords.ts';
import { useT } from '../i18n/localeStore.ts';
import { zoneAvoidReason, zoneDescription, zoneName } from '../i18n/zones.ts';
import { ZONES } from '../state/catalogue.ts';
import { useContentStore } from '../state/contentStore.ts';

/** Every protocol and its steps as text: the way through the atlas without 3D graphics. */
function ProtocolText() {
  const protocols = useContentStore((s) => s.data?.protocols);
  const { t, locale } = useT();
  if (!protocols) return <p className="muted">{t('ui.noWebgl.loading')}</p>;
  return (
    <section className="protocol-text" aria-labelledby="protocol-text-title">
      <h3 id="protocol-text-title">{t('ui.noWebgl.protocols')}</h3>
      {protocols.map(({ protocol }) => (
        <details key={protocol.id} className="protocol-text-item">
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
              </li>
            ))}
          </ol>
        </details>
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
