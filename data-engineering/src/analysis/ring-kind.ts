// A molecule's ring kind: which sort of ring system it has (bridged, a 3- or
// 4-membered ring, spiro, ...), from RDKit's descriptors and SSSR rings. The kinds
// a ring-count model misses most are the first ones (README, Model quality).
import type { MainModule } from '@rdkit/rdkit';

/** The ring kinds in precedence order: a molecule gets the first that matches. */
export const RING_KINDS = [
  'bridged',
  'small-ring',
  'spiro',
  'large-ring',
  'fused',
  'isolated',
  'acyclic',
] as const;
export type RingKind = (typeof RING_KINDS)[number];

/** What RDKit says about a molecule's rings: descriptors and the atoms of each SSSR ring. */
export interface RingFacts {
  bridgeheadAtoms: number;
  spiroAtoms: number;
  rings: number[][];
}

/** The first kind of {@link RING_KINDS} that `facts` match. */
export function classifyRingKind({ bridgeheadAtoms, spiroAtoms, rings }: RingFacts): RingKind {
  if (bridgeheadAtoms > 0) return 'bridged';
  if (rings.some((ring) => ring.length <= 4)) return 'small-ring';
  if (spiroAtoms > 0) return 'spiro';
  if (rings.some((ring) => ring.length >= 8)) return 'large-ring';
  if (rings.length === 0) return 'acyclic';
  const atoms = rings.flat();
  return new Set(atoms).size < atoms.length ? 'fused' : 'isolated';
}

/** Parses a SMILES with RDKit MinimalLib; null when it cannot. */
export function readRingFacts(rdkit: MainModule, smiles: string): RingFacts | null {
  const mol = rdkit.get_mol(smiles);
  if (!mol) return null;
  try {
    if (!mol.is_valid()) return null;
    const { NumBridgeheadAtoms: bridgeheadAtoms, NumSpiroAtoms: spiroAtoms } = JSON.parse(
      mol.get_descriptors(),
    ) as Record<string, unknown>;
    if (typeof bridgeheadAtoms !== 'number' || typeof spiroAtoms !== 'number') {
      throw new Error('this @rdkit/rdkit has no NumBridgeheadAtoms or NumSpiroAtoms descriptor');
    }
    const json = JSON.parse(mol.get_json()) as { molecules: { extensions?: RdkitExtension[] }[] };
    const rdkitExtension = json.molecules[0]?.extensions?.find((e) => e.name === 'rdkitRepresentation');
    // atomRings is absent when the molecule has no ring.
    return { bridgeheadAtoms, spiroAtoms, rings: rdkitExtension?.atomRings ?? [] };
  } finally {
    mol.delete();
  }
}

interface RdkitExtension {
  name: string;
  atomRings?: number[][];
}
