import { WEEKDAYS, type Weekday } from '@linkwell/contracts';

// A community service as the adapter keeps it: what an ORUK (HSDS 3) record says, checked and
// trimmed to what the directory uses. Pure data; `oruk-record.ts` builds it, `fhir-mapping.ts` maps it.

export type FeedStatus = 'active' | 'inactive' | 'defunct' | 'temporarily closed';

// The days are the contract's list: the search's `day` and the app's day picker use it too.
export { WEEKDAYS, type Weekday };

export interface EntryLocation {
  readonly feedId: string;
  readonly name: string;
  readonly latitude: number | undefined;
  readonly longitude: number | undefined;
  readonly address:
    | {
        readonly line: string | undefined;
        readonly city: string | undefined;
        readonly district: string | undefined;
        readonly postalCode: string | undefined;
        readonly country: string | undefined;
      }
    | undefined;
}

export interface EntryContact {
  readonly name: string | undefined;
  readonly title: string | undefined;
  readonly email: string | undefined;
  readonly phones: readonly string[];
}

/** One weekly (or monthly) opening: on these days, from `opens` to `closes` (HH:MM, local time). */
export interface EntrySchedule {
  readonly days: readonly Weekday[];
  readonly opens: string | undefined;
  readonly closes: string | undefined;
  readonly monthly: boolean;
  readonly description: string | undefined;
}

export interface EntryTerm {
  readonly taxonomy: string | undefined;
  readonly code: string;
  readonly name: string | undefined;
}

export interface DirectoryEntry {
  readonly feedId: string;
  readonly name: string;
  readonly description: string | undefined;
  readonly url: string | undefined;
  readonly email: string | undefined;
  readonly status: FeedStatus;
  readonly eligibility: string | undefined;
  readonly minimumAge: number | undefined;
  readonly maximumAge: number | undefined;
  readonly assuredDate: string | undefined;
  readonly organization: {
    readonly feedId: string;
    readonly name: string;
    readonly description: string | undefined;
    readonly email: string | undefined;
    readonly url: string | undefined;
  };
  readonly phones: readonly string[];
  readonly contacts: readonly EntryContact[];
  readonly schedules: readonly EntrySchedule[];
  readonly locations: readonly EntryLocation[];
  readonly terms: readonly EntryTerm[];
}
