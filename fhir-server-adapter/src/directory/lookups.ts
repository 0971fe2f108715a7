import { readFileSync } from 'node:fs';
import { ConfigError } from '@linkwell/service-kit';

export interface Point {
  readonly latitude: number;
  readonly longitude: number;
}

/** Postcodes written the same way whatever the spacing or case ("zz13cc" is "ZZ1 3CC"). */
export function normalPostcode(raw: string): string {
  const compact = raw.replace(/\s+/g, '').toUpperCase();
  return compact.length > 3 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact;
}

/** Reads `postcode,latitude,longitude` lines ('#' comments and a header allowed). */
export function loadPostcodes(file: string): ReadonlyMap<string, Point> {
  const out = new Map<string, Point>();
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || /^postcode,/i.test(trimmed)) continue;
    const [code, lat, lon] = trimmed.split(',');
    const latitude = Number(lat);
    const longitude = Number(lon);
    if (code === undefined || !Number.isFinite(latitude) || !Number.isFinite(longitude)) {
      throw new ConfigError(`${file}: "${trimmed}" is not postcode,latitude,longitude.`);
    }
    out.set(normalPostcode(code), { latitude, longitude });
  }
  return out;
}

/** Our needs to the feed's taxonomy term codes (the editable mapping file). */
export function loadNeedTerms(file: string): ReadonlyMap<string, readonly string[]> {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { needs?: Record<string, unknown> };
  const out = new Map<string, readonly string[]>();
  for (const [need, terms] of Object.entries(parsed.needs ?? {})) {
    if (!Array.isArray(terms) || !terms.every((t) => typeof t === 'string')) {
      throw new ConfigError(`${file}: needs.${need} must be a list of taxonomy term codes.`);
    }
    out.set(need, terms);
  }
  return out;
}

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(a: Point, b: Point): number {
  const rad = (d: number): number => (d * Math.PI) / 180;
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
