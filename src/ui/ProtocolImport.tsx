import { useRef, useState, type DragEvent } from 'react';
import { useCurrentProtocol } from '../state/currentStep.ts';
import { useImportStore } from '../state/importStore.ts';

/** Saves `text` as a file through a temporary link (no network). */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Import of a clinic's own protocol file (file picker, or drag and drop onto this panel) and
 * export of the current protocol. File contents are only ever shown as text.
 */
export function ProtocolImport() {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const status = useImportStore((s) => s.status);
  const fileName = useImportStore((s) => s.fileName);
  const problems = useImportStore((s) => s.problems);
  const imported = useImportStore((s) => s.imported);
  const importFile = useImportStore((s) => s.importFile);
  const current = useCurrentProtocol();

  const onDrop = (e: DragEvent<HTMLElement>) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files.item(0);
    if (file) void importFile(file);
  };

  return (
    <section
      className={over ? 'protocol-import drop-over' : 'protocol-import'}
      aria-label="Import and export protocols"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <div className="row">
        <label className="file-button">
          Import protocol file…
          <input
            ref={input}
            type="file"
            accept=".json,application/json"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void importFile(file);
              e.target.value = '';
            }}
          />
        </label>
        <button
          type="button"
          disabled={!current}
          onClick={() => {
            if (current)
              download(
                `${current.protocol.id}.json`,
                `${JSON.stringify(current.protocol, null, 2)}\n`,
              );
          }}
        >
          Export protocol
        </button>
      </div>
      <p className="muted small">Or drop a protocol JSON file (up to 256 KB) here.</p>
      <div aria-live="polite">
        {status === 'checking' ? <p>Checking {fileName}…</p> : null}
        {status === 'done' && imported ? (
          <p className="import-ok">
            Imported “{imported.protocol.title.en}” from {fileName}. It is now in the protocol list.
          </p>
        ) : null}
      </div>
      {status === 'done' && problems.length > 0 ? (
        <div className="import-problems" role="alert">
          <p>
            {fileName} was not imported. Fix these problems and try again (the bundled protocols are
            unchanged):
          </p>
          <ul>
            {problems.map((p, i) => (
              <li key={`${String(i)}-${p}`}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
