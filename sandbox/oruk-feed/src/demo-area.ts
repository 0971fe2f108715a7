// The demo's made-up area: "ZZ" is not a UK postcode area, so nothing here is anyone's address.

export interface PostcodeCentroid {
  readonly postcode: string;
  readonly latitude: number;
  readonly longitude: number;
}

const UNITS = ['AA', 'BB', 'CC', 'DD', 'EE', 'FF', 'GG', 'HH'];

/** 72 synthetic postcodes (ZZ1 1AA … ZZ1 9HH) laid on a grid a few miles across. */
export function demoPostcodes(): PostcodeCentroid[] {
  const out: PostcodeCentroid[] = [];
  for (let sector = 1; sector <= 9; sector += 1) {
    UNITS.forEach((unit, u) => {
      out.push({
        postcode: `ZZ1 ${sector}${unit}`,
        latitude: round(52.9 + ((sector - 1) % 3) * 0.02 + u * 0.002),
        longitude: round(-1.2 + Math.floor((sector - 1) / 3) * 0.03 + u * 0.003),
      });
    });
  }
  return out;
}

const round = (n: number): number => Math.round(n * 1e5) / 1e5;

/** The directory's categories: a small local taxonomy, as a local authority feed would have. */
export const DEMO_TAXONOMY = 'riverside-community-directory';

export const DEMO_TERMS: readonly { code: string; name: string; words: readonly string[] }[] = [
  {
    code: 'befriending',
    name: 'Befriending',
    words: ['Befriending', 'Friendship', 'Telephone buddies'],
  },
  {
    code: 'lunch-clubs',
    name: 'Lunch clubs and social groups',
    words: ['Lunch club', 'Coffee morning', 'Social club'],
  },
  {
    code: 'walking-groups',
    name: 'Walking groups',
    words: ['Walking group', 'Health walks', 'Nature walks'],
  },
  {
    code: 'exercise-classes',
    name: 'Exercise and movement',
    words: ['Chair exercise', 'Tai chi', 'Gentle yoga'],
  },
  {
    code: 'debt-advice',
    name: 'Debt advice',
    words: ['Debt advice', 'Money clinic', 'Budgeting support'],
  },
  {
    code: 'benefits-advice',
    name: 'Welfare benefits advice',
    words: ['Benefits advice', 'Form filling help', 'Welfare rights'],
  },
  {
    code: 'housing-advice',
    name: 'Housing advice',
    words: ['Housing advice', 'Tenancy support', 'Home repairs help'],
  },
  {
    code: 'carers-support',
    name: 'Carers support',
    words: ['Carers cafe', 'Carers breaks', 'Carers support group'],
  },
  {
    code: 'bereavement-support',
    name: 'Bereavement support',
    words: ['Bereavement circle', 'Grief cafe', 'Loss support'],
  },
  {
    code: 'mens-sheds',
    name: "Men's sheds",
    words: ["Men's shed", 'Woodwork club', 'Repair cafe'],
  },
  {
    code: 'mental-wellbeing',
    name: 'Mental wellbeing',
    words: ['Wellbeing group', 'Anxiety support', 'Peer support'],
  },
  {
    code: 'food-support',
    name: 'Food support',
    words: ['Food bank', 'Community pantry', 'Community fridge'],
  },
  {
    code: 'cooking-skills',
    name: 'Cooking and healthy eating',
    words: ['Cook and eat', 'Healthy cooking', 'Community kitchen'],
  },
  {
    code: 'digital-skills',
    name: 'Digital skills',
    words: ['Digital drop-in', 'Computer class', 'Tablet help'],
  },
  {
    code: 'employment-support',
    name: 'Employment support',
    words: ['Job club', 'Work skills', 'Volunteering hub'],
  },
  {
    code: 'legal-advice',
    name: 'Legal advice',
    words: ['Legal advice clinic', 'Law centre', 'Rights advice'],
  },
  {
    code: 'community-transport',
    name: 'Community transport',
    words: ['Community bus', 'Dial-a-ride', 'Volunteer drivers'],
  },
  {
    code: 'family-support',
    name: 'Family and relationships',
    words: ['Family support', 'Parents group', 'Relationship support'],
  },
  {
    code: 'arts-crafts',
    name: 'Arts and crafts',
    words: ['Art group', 'Knit and natter', 'Community choir'],
  },
  {
    code: 'gardening',
    name: 'Gardening',
    words: ['Community garden', 'Allotment group', 'Green gym'],
  },
];
