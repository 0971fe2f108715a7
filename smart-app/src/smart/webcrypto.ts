// Stands in for `isomorphic-webcrypto` in the browser build: every browser we support has WebCrypto.
export default globalThis.crypto;
