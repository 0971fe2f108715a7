import { HapiLaunchError } from './errors';
import { checkJava, checkMaven } from './toolchain';

// Without Java or Maven on PATH, start-up must say what to install, not fail with a stack trace.
describe('toolchain checks', () => {
  const noTools = { ...process.env, PATH: '/nonexistent' };

  it('names Java and how to install it when java is missing', async () => {
    const failure = checkJava(noTools);
    await expect(failure).rejects.toBeInstanceOf(HapiLaunchError);
    await expect(failure).rejects.toThrow(/Java was not found.*apt-get install openjdk-17/);
  });

  it('names Maven and how to install it when mvn is missing', async () => {
    await expect(checkMaven(noTools)).rejects.toThrow(/Maven was not found.*maven/);
  });

  it('accepts the Java and Maven of this machine', async () => {
    await expect(checkJava()).resolves.toBeUndefined();
    await expect(checkMaven()).resolves.toBeUndefined();
  });
});
