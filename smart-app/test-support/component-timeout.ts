// Component tests render whole screens in jsdom and type into them; on a busy 2-core machine one
// can take longer than Jest's 5 s default without anything being wrong.
jest.setTimeout(30_000);
