// Which row of the table a dossier belongs to, and whether it passes the user's filters. Pure.
import { looseKey, type AgencyList } from './agencies.js';
import type { Channel, Dossier, GroupBy } from './types.js';

export const CHANNEL_LABELS: Record<Channel, string> = {
  direct: 'Trực tiếp',
  online: 'Trực tuyến',
  postal: 'Bưu chính công ích',
};

/** Label of the row for dossiers that lack the grouped value. */
export const UNKNOWN_GROUP = '(không rõ)';

export function groupValue(d: Dossier, groupBy: GroupBy): string {
  switch (groupBy) {
    case 'agency':
      return d.agency;
    case 'field':
      return d.field || UNKNOWN_GROUP;
    case 'procedure':
      return d.procedure || UNKNOWN_GROUP;
    case 'level':
      return d.level || UNKNOWN_GROUP;
    case 'channel':
      return d.channel ? CHANNEL_LABELS[d.channel] : UNKNOWN_GROUP;
    case 'month':
      return d.receivedOn ? d.receivedOn.slice(0, 7) : UNKNOWN_GROUP;
  }
}

export interface FilterSpec {
  agency?: string[];
  field?: string[];
  procedure?: string[];
  channel?: Channel[];
  level?: string[];
}

/**
 * A predicate for the filters: accent- and case-insensitive exact match; an agency filter also
 * matches every alias of the agency it names.
 */
export function makeFilter(spec: FilterSpec | undefined, agencies: AgencyList): (d: Dossier) => boolean {
  if (!spec) return () => true;
  const agencyTest = agencyMatcher(spec.agency, agencies);
  const sets = {
    field: looseSet(spec.field),
    procedure: looseSet(spec.procedure),
    level: looseSet(spec.level),
  };
  const channels = spec.channel?.length ? new Set(spec.channel) : null;
  return (d) =>
    agencyTest(d.agency) &&
    (!sets.field || sets.field.has(looseKey(d.field ?? ''))) &&
    (!sets.procedure || sets.procedure.has(looseKey(d.procedure ?? ''))) &&
    (!sets.level || sets.level.has(looseKey(d.level ?? ''))) &&
    (!channels || (d.channel != null && channels.has(d.channel)));
}

function looseSet(values: string[] | undefined): Set<string> | null {
  return values?.length ? new Set(values.map(looseKey)) : null;
}

/** Matches an agency spelling against `--agency` values, through the configured aliases. */
export function agencyMatcher(values: string[] | undefined, agencies: AgencyList): (spelling: string) => boolean {
  if (!values?.length) return () => true;
  const wanted = new Set(values.map((v) => looseKey(agencies.resolve(v))));
  return (spelling) => wanted.has(looseKey(agencies.resolve(spelling)));
}
