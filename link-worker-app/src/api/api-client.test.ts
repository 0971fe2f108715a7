import { ApiError, httpApi } from './api-client';

function api(answers: Record<string, { status: number; body: unknown }>) {
  const asked: string[] = [];
  const client = httpApi({
    accessToken: () => 'token',
    onSessionEnded: () => undefined,
    fetch: (input, init) => {
      const key = `${init?.method ?? 'GET'} ${typeof input === 'string' ? input : '?'}`;
      asked.push(key);
      const answer = answers[key] ?? { status: 404, body: {} };
      return Promise.resolve(new Response(JSON.stringify(answer.body), { status: answer.status }));
    },
  });
  return { client, asked };
}

describe('httpApi', () => {
  it('reads the team and the referrals held for review', async () => {
    const { client } = api({
      'GET /api/team': {
        status: 200,
        body: { members: [{ practitioner: 'Practitioner/a', name: 'Sam Carter' }] },
      },
      'GET /api/inbound/held': {
        status: 200,
        body: { held: [{ taskId: 'Task/1', reason: 'r', firstSeen: 'x', lastSeen: 'y' }] },
      },
    });
    expect(await client.team()).toEqual([{ practitioner: 'Practitioner/a', name: 'Sam Carter' }]);
    expect((await client.heldReferrals())[0]?.reason).toBe('r');
  });

  it('keeps a 409’s code and the server’s words', async () => {
    const { client, asked } = api({
      'POST /api/cases/c1/consent/withdraw': {
        status: 409,
        body: { error: { code: 'no-consent', message: 'This case has no recorded consent.' } },
      },
    });
    const refusal = await client
      .change('POST', 'c1', 'consent/withdraw', {})
      .catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ApiError);
    expect(refusal).toMatchObject({
      status: 409,
      code: 'no-consent',
      message: 'This case has no recorded consent.',
    });
    expect(asked).toEqual(['POST /api/cases/c1/consent/withdraw']);
  });
});
