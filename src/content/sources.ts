/**
 * The source texts protocols may cite (`shared/seeds/`). A step or protocol naming any other file
 * is reported as an unknown source. A clinic adding its own protocol adds its source here.
 */
export interface SourceInfo {
  readonly file: string;
  /** Short label for the UI. */
  readonly label: string;
}

export const SOURCES: readonly SourceInfo[] = [
  { file: '000_cf6d817cf74adffa.txt', label: 'Hallux valgus massage, adults and children' },
  { file: '001_1c2aad9468444d57.txt', label: 'Orthopedic massage for valgus feet in children' },
  {
    file: '002_20e48305e7c8a700.txt',
    label: 'Lower-limb massage: types, courses, contraindications',
  },
  { file: '003_285d5610ba1bda9f.txt', label: 'Benefits of foot massage and self-massage' },
  { file: '004_d764d654849c4dc0.txt', label: 'Plantar (metatarsal) pain care' },
];

export const SOURCE_FILES: ReadonlySet<string> = new Set(SOURCES.map((s) => s.file));
