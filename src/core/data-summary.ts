// What `hcc init --input` learns from an export for a new config: how many dossiers each agency has
// (named as the config's list names them, when there is one) and the span of the received dates,
// with the named report period that span suggests.
import { AgencyList, compareVietnamese, nameKey } from './agencies.js';
import { splitIso } from './dates.js';
import type { Dossier, IsoDate } from './types.js';

export interface AgencyVolume {
  name: string;
  count: number;
}

export class DataSummary {
  /** By the listed name, or by nameKey for an unlisted one: "Sở Y Tế" and "Sở Y tế" are one agency. */
  private readonly groups = new Map<string, { count: number; spellings: Map<string, number> }>();
  dossiers = 0;
  earliest: IsoDate | null = null;
  latest: IsoDate | null = null;

  constructor(private readonly agencies: AgencyList = new AgencyList([])) {}

  add(d: Dossier): void {
    this.dossiers++;
    const listed = this.agencies.indexOf(d.agency) !== undefined;
    const name = this.agencies.resolve(d.agency);
    const key = listed ? name : nameKey(name);
    let group = this.groups.get(key);
    if (!group) this.groups.set(key, (group = { count: 0, spellings: new Map() }));
    group.count++;
    group.spellings.set(name, (group.spellings.get(name) ?? 0) + 1);
    const day = d.receivedOn;
    if (day) {
      if (this.earliest === null || day < this.earliest) this.earliest = day;
      if (this.latest === null || day > this.latest) this.latest = day;
    }
  }

  /** Agencies by volume, most first (each under its most frequent spelling); equal counts in Vietnamese alphabetical order. */
  byVolume(): AgencyVolume[] {
    return [...this.groups.values()]
      .map((g) => ({ name: [...g.spellings].sort((a, b) => b[1] - a[1] || compareVietnamese(a[0], b[0]))[0][0], count: g.count }))
      .sort((a, b) => b.count - a.count || compareVietnamese(a.name, b.name));
  }
}

/**
 * The named period a first report on this data would most likely cover: the half-year the data ends
 * in, or the one before when the data ends in the first three months of a half (an export taken in
 * July also holds the first days of July); the whole year when that half is the second and the data
 * starts by January.
 */
export function suggestPeriod(earliest: IsoDate, latest: IsoDate): string {
  const [y, m] = splitIso(latest);
  const half = Math.floor((y * 12 + m - 1 - 3) / 6); // halves since year 0, shifted back three months
  const year = Math.floor(half / 2);
  if (half % 2 === 1) return earliest <= `${year}-01-31` ? `${year}` : `${year}-H2`;
  return `${year}-H1`;
}
