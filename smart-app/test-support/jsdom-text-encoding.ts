import { TextDecoder, TextEncoder } from 'node:util';

// jsdom (the components project) lacks the WHATWG text encoders every browser and Node have;
// the closing summary's letter is UTF-8 in base64, so tests need them.
if (typeof globalThis.TextEncoder === 'undefined') {
  Object.assign(globalThis, { TextEncoder, TextDecoder });
}
