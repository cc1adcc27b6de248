import { toDataURL } from 'qrcode';
import { useEffect, useState } from 'react';

/**
 * A QR code of `text` as an image (drawn by the `qrcode` library into a PNG data URL; nothing
 * leaves the device). `label` is its accessible name; `data-qr` carries the text for tests and
 * for copying.
 */
export function QrCode({
  text,
  label,
  size = 240,
  className,
}: {
  readonly text: string;
  readonly label: string;
  readonly size?: number;
  readonly className?: string;
}) {
  // The image made for `text` (null: it could not be made); stale until the new one is ready.
  const [made, setMade] = useState<{ readonly text: string; readonly src: string | null } | null>(
    null,
  );
  useEffect(() => {
    let live = true;
    toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: size * 2 })
      .then((url) => {
        if (live) setMade({ text, src: url });
      })
      .catch(() => {
        if (live) setMade({ text, src: null });
      });
    return () => {
      live = false;
    };
  }, [text, size]);
  const src = made?.text === text ? made.src : undefined;
  if (src === null) return null;
  if (!src) return <div className={className} style={{ width: size, height: size }} aria-hidden />;
  return (
    <img className={className} src={src} width={size} height={size} alt={label} data-qr={text} />
  );
}
