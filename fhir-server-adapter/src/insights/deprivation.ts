import { readFileSync } from 'node:fs';
import type { Database } from '../db/database';
import { normalisePostcode } from './case-facts';

// The published files name their columns in full; these are the names this loader knows.
const POSTCODE_COLUMNS = ['postcode', 'pcds', 'pcd'];
const LSOA_COLUMNS = ['lsoa code (2011)', 'lsoa code', 'lsoa11cd', 'lsoa code (2021)', 'lsoa21cd'];
const DECILE_COLUMNS = [
  'index of multiple deprivation (imd) decile (where 1 is most deprived 10% of lsoas)',
  'index of multiple deprivation decile',
  'imd decile',
];

/** The lookup file could not be read as postcode or LSOA to IMD decile. */
export class DeprivationLookupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeprivationLookupError';
  }
}

/** Splits one CSV line, honouring double quotes (the published files quote names with commas). */
function cells(line: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line.charAt(i);
    if (ch === '"' && quoted && line[i + 1] === '"') {
      current += '"';
      i += 1;
    } else if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out.map((c) => c.trim());
}

/** Area (normalised postcode, or LSOA code) to IMD decile, from the file's text (pure). */
export function parseDeprivationLookup(text: string): Map<string, number> {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const header = cells(lines[0] ?? '').map((h) => h.toLowerCase());
  const find = (names: string[]): number => header.findIndex((h) => names.includes(h));
  const postcode = find(POSTCODE_COLUMNS);
  const lsoa = find(LSOA_COLUMNS);
  const decile = find(DECILE_COLUMNS);
  if (decile < 0 || (postcode < 0 && lsoa < 0)) {
    throw new DeprivationLookupError(
      'The deprivation lookup needs a Postcode or an LSOA code column and the IMD decile column (as in the published IoD File 7).',
    );
  }
  const areas = new Map<string, number>();
  lines.slice(1).forEach((line, index) => {
    const row = cells(line);
    const value = Number(row[decile]);
    if (!Number.isInteger(value) || value < 1 || value > 10) {
      throw new DeprivationLookupError(
        `Line ${index + 2} of the deprivation lookup has a decile that is not 1 to 10.`,
      );
    }
    const pc = postcode >= 0 ? row[postcode] : undefined;
    const code = lsoa >= 0 ? row[lsoa] : undefined;
    if (pc !== undefined && pc !== '') areas.set(normalisePostcode(pc), value);
    if (code !== undefined && code !== '') areas.set(code.toUpperCase(), value);
  });
  return areas;
}

/**
 * Replaces the store's lookup with the file's, in one transaction; returns how many areas. Only
 * the areas whose decile changed are written, so the cases' kept deciles (migration 11's
 * triggers) are refreshed for those areas alone, not for every case at every start.
 */
export async function loadDeprivationLookup(db: Database, path: string): Promise<number> {
  const areas = parseDeprivationLookup(readFileSync(path, 'utf8'));
  const entries = [...areas];
  await db.transaction(async (tx) => {
    await tx.query(
      'CREATE TEMPORARY TABLE deprivation_load (area text PRIMARY KEY, imd_decile integer NOT NULL) ON COMMIT DROP',
    );
    for (let start = 0; start < entries.length; start += 1000) {
      const slice = entries.slice(start, start + 1000);
      await tx.query(
        `INSERT INTO deprivation_load (area, imd_decile)
         SELECT * FROM unnest($1::text[], $2::integer[])`,
        [slice.map(([area]) => area), slice.map(([, decile]) => decile)],
      );
    }
    await tx.query(
      `DELETE FROM deprivation_areas d
       WHERE NOT EXISTS (SELECT 1 FROM deprivation_load l WHERE l.area = d.area)`,
    );
    await tx.query(
      `INSERT INTO deprivation_areas (area, imd_decile) SELECT area, imd_decile FROM deprivation_load
       ON CONFLICT (area) DO UPDATE SET imd_decile = EXCLUDED.imd_decile
       WHERE deprivation_areas.imd_decile <> EXCLUDED.imd_decile`,
    );
  });
  return entries.length;
}
