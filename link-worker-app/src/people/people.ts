import type { SignedInWorker, TeamMember } from '@linkwell/contracts';

/** Link workers by name: the app never shows a `Practitioner/...` id to a person. */
export interface People {
  /** The signed-in link worker's Practitioner reference, when known. */
  readonly me: string | undefined;
  /** "You", the person's name, or "another link worker" when the name is not known. */
  nameOf(practitioner: string, knownName?: string): string;
  /** The signed-in link worker's own name, when the adapter or the sign-in gave one. */
  readonly myName: string | undefined;
}

const looksLikeId = (value: string): boolean => /^(Practitioner\/|lw-)/.test(value);

/** A name fit to show: anything that looks like an id is not one. */
export const shownName = (value: string | null | undefined): string | undefined =>
  value === undefined || value === null || value.trim() === '' || looksLikeId(value)
    ? undefined
    : value;

export function people(
  me: SignedInWorker | undefined,
  team: readonly TeamMember[],
  signedInName?: string,
): People {
  const names = new Map(team.map((member) => [member.practitioner, member.name]));
  const myName =
    shownName(me?.name) ??
    shownName(signedInName) ??
    (me === undefined ? undefined : shownName(names.get(me.practitioner)));
  return {
    me: me?.practitioner,
    myName,
    nameOf: (practitioner, knownName) => {
      if (practitioner === me?.practitioner) return 'You';
      return shownName(knownName) ?? shownName(names.get(practitioner)) ?? 'another link worker';
    },
  };
}

/** Loads who is signed in and the team; either may fail without stopping the page. */
export async function loadPeople(api: {
  me(): Promise<SignedInWorker>;
  team(): Promise<readonly TeamMember[]>;
}): Promise<People> {
  const [me, team] = await Promise.all([
    api.me().catch(() => undefined),
    api.team().catch((): readonly TeamMember[] => []),
  ]);
  return people(me, team);
}
