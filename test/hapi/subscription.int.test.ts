import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Subscription, Task } from 'fhir/r4';
import { fhirRequest, uniqueId } from '../support/fhir-http';

// The adapter learns of new referral Tasks through rest-hook Subscriptions: check HAPI delivers them.
interface Delivery {
  url: string;
  body: string;
}

function listen(deliveries: Delivery[]): Promise<Server> {
  const server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      deliveries.push({ url: request.url ?? '', body });
      response.writeHead(200).end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      resolve(server);
    }),
  );
}

async function eventually<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let attempt = 0; attempt < 120; attempt += 1) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((wait) => setTimeout(wait, 500));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

describe('rest-hook Subscriptions', () => {
  const deliveries: Delivery[] = [];
  let listener: Server;

  beforeAll(async () => {
    listener = await listen(deliveries);
  });
  afterAll(async () => {
    await new Promise((resolve) => listener.close(resolve));
  });

  it('notifies the endpoint when a Task for the subscribed owner is created', async () => {
    const ownerId = uniqueId('service');
    await fhirRequest('PUT', `Organization/${ownerId}`, {
      resourceType: 'Organization',
      id: ownerId,
      name: 'Link workers',
    });
    const { port } = listener.address() as AddressInfo;
    const subscription: Subscription = {
      resourceType: 'Subscription',
      status: 'requested',
      reason: 'New referrals for the link-worker service',
      criteria: `Task?owner=Organization/${ownerId}`,
      channel: {
        type: 'rest-hook',
        endpoint: `http://127.0.0.1:${port}/hook`,
        payload: 'application/fhir+json',
      },
    };
    const created = await fhirRequest<Subscription>('POST', 'Subscription', subscription);
    expect(created.status).toBe(201);
    await eventually(async () => {
      const current = await fhirRequest<Subscription>(
        'GET',
        `Subscription/${created.body.id ?? ''}`,
      );
      return current.body.status === 'active' ? true : undefined;
    }, 'the Subscription to become active');

    const task: Task = {
      resourceType: 'Task',
      status: 'requested',
      intent: 'order',
      owner: { reference: `Organization/${ownerId}` },
    };
    const posted = await fhirRequest<Task>('POST', 'Task', task);
    expect(posted.status).toBe(201);

    const delivery = await eventually(
      () => Promise.resolve(deliveries.find((item) => item.body.includes(posted.body.id ?? '?'))),
      'the rest-hook delivery',
    );
    expect(delivery.url).toMatch(/^\/hook/);
    expect((JSON.parse(delivery.body) as Task).owner?.reference).toBe(`Organization/${ownerId}`);
  });
});
