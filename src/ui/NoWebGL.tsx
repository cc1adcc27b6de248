import { ZONES } from '../state/catalogue.ts';

/** Shown instead of the 3D view when the browser cannot create a WebGL context. */
export function NoWebGL() {
  return (
    <div className="no-webgl" role="alert">
      <h2>3D view unavailable</h2>
      <p>
        This browser or device cannot show 3D graphics (WebGL is off or unsupported), so the body
        model cannot be drawn. Every zone and its guidance is listed below as text. Turning on
        hardware acceleration in the browser settings, or another browser, brings the 3D view back.
      </p>
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
