/** One well-formed ORUK service record, for unit tests (ids are fixed UUIDs). */
export function generateFeedRecord() {
  const id = 'a1000000-0000-4000-8000-000000000001';
  const loc = 'a3000000-0000-4000-8000-000000000001';
  return {
    id,
    name: 'Kettle Club',
    description: 'Tea and company.',
    url: 'https://directory.example/kettle',
    status: 'active',
    minimum_age: 60,
    eligibility_description: 'Adults aged 60 and over',
    organization: { id: 'a2000000-0000-4000-8000-000000000001', name: 'Riverside Neighbours' },
    phones: [{ id, number: '0300 555 0001' }],
    contacts: [{ id, name: 'Sam Ward', email: 'sam@directory.example', phones: [] }],
    schedules: [{ id, freq: 'WEEKLY', byday: 'TU,TH', opens_at: '10:00', closes_at: '12:00' }],
    service_at_locations: [
      {
        id,
        location: {
          id: loc,
          name: 'Mill Hall',
          latitude: 52.92,
          longitude: -1.2,
          addresses: [
            { id: loc, address_1: '1 Mill Lane', city: 'Riverside', postal_code: 'zz1 2bb' },
          ],
        },
      },
    ],
    attributes: [
      {
        id,
        taxonomy_term: {
          id: 'befriending',
          code: 'befriending',
          name: 'Befriending',
          taxonomy: 'riverside-community-directory',
        },
      },
    ],
  };
}
