import { describeDose, describeIntensity, TECHNIQUE_WORDS } from '../domain/stepWords.ts';
import { zoneInfo, ZONES } from '../state/catalogue.ts';
import { useContentStore } from '../state/contentStore.ts';

/** Every protocol and its steps as text: the way through the atlas without 3D graphics. */
function ProtocolText() {
  const protocols = useContentStore((s) => s.data?.protocols);
  if (!protocols) return <p className="muted">Loading the protocols…</p>;
  return (
    <section className="protocol-text" aria-labelledby="protocol-text-title">
      <h3 id="protocol-text-title">Protocols, step by step</h3>
      {protocols.map(({ protocol }) => (
        <details key={protocol.id} className="protocol-text-item">
          <summary>
            {protocol.catalogueId}. {protocol.title.en}
          </summary>
          <ol>
            {protocol.steps.map((step) => (
              <li key={step.id}>
                <h4>{step.title.en}</h4>
                <p>{step.text.en}</p>
                <p className="muted small">
                  {TECHNIQUE_WORDS[step.technique]}
                  {step.zones.length > 0
                    ? ` · ${step.zones.map((z) => zoneInfo(z)?.name ?? z).join(', ')}`
                    : ''}{' '}
                  · {describeIntensity(step)} · {describeDose(step)}
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
  return (
    <div className="no-webgl">
      {/* Only the message is announced; the text below is there to be read at the user's pace. */}
      <div role="alert">
        <h2>3D view unavailable</h2>
        <p>
          This browser or device cannot show 3D graphics (WebGL is off or unsupported), so the body
          model cannot be drawn. Every protocol with its steps, and every zone with its guidance, is
          listed below as text. Turning on hardware acceleration in the browser settings, or another
          browser, brings the 3D view back.
        </p>
      </div>
      <ProtocolText />
      <h3>Zones</h3>
      <dl className="zone-text">
        {ZONES.filter((z) => z.group !== 'other').map((z) => (
          <div key={z.id}>
            <dt>
              {z.name}
              {z.avoid ? ' — avoid' : ''}
            </dt>
            <dd>
              {z.description}
              {z.avoid ? ` ${z.avoid.reason}` : ''}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
