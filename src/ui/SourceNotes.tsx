import { localized } from '../content/localized.ts';
import type { Protocol, SourceNote } from '../content/schema.ts';
import { isVersionHere, stepSourceNotes } from '../domain/sourceNotes.ts';
import { useT } from '../state/localeStore.ts';
import './brief.css';

/** One disagreement: every version with its source, the one used here marked, and the app's choice. */
export function SourceNoteBody({
  note,
  protocolId,
  stepId,
}: {
  readonly note: SourceNote;
  readonly protocolId: string;
  readonly stepId?: string;
}) {
  const { t, locale } = useT();
  const hereWord = t(stepId === undefined ? 'ui.sourceNotes.hereProtocol' : 'ui.sourceNotes.here');
  return (
    <>
      <ul className="source-note-versions">
        {note.variants.map((v, i) => {
          const here = isVersionHere(v, protocolId, stepId);
          return (
            <li key={`${note.id}-${String(i)}`} className={here ? 'here' : undefined}>
              {localized(v.text, locale)}
              {here ? <strong className="source-note-here"> ({hereWord})</strong> : null}
            </li>
          );
        })}
      </ul>
      {note.appChoice ? (
        <p className="source-note-choice">
          <strong>{t('ui.sourceNotes.appChoice')}</strong> {localized(note.appChoice, locale)}
        </p>
      ) : null}
    </>
  );
}

/** The disagreements between sources that concern the current step, shown with the step. */
export function StepSourceNotes({
  protocol,
  stepId,
}: {
  readonly protocol: Protocol;
  readonly stepId: string;
}) {
  const { t, locale } = useT();
  const notes = stepSourceNotes(protocol, stepId);
  if (notes.length === 0) return null;
  return (
    <div className="source-notes step-source-notes">
      {notes.map((n) => (
        <section
          key={n.id}
          className="source-note"
          data-note={n.id}
          aria-label={localized(n.topic, locale)}
        >
          <p className="source-note-topic">
            <strong>{t('ui.sourceNotes.differ')}</strong> {localized(n.topic, locale)}
          </p>
          <SourceNoteBody note={n} protocolId={protocol.id} stepId={stepId} />
        </section>
      ))}
    </div>
  );
}

/** Every disagreement of a protocol, each topic opening to its versions. */
export function ProtocolSourceNotes({ protocol }: { readonly protocol: Protocol }) {
  const { locale } = useT();
  if (protocol.sourceNotes.length === 0) return null;
  return (
    <ul className="source-notes protocol-source-notes">
      {protocol.sourceNotes.map((n) => (
        <li key={n.id} data-note={n.id}>
          <details>
            <summary>{localized(n.topic, locale)}</summary>
            <SourceNoteBody note={n} protocolId={protocol.id} />
          </details>
        </li>
      ))}
    </ul>
  );
}
