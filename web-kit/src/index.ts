// @linkwell/web-kit: what the GP app and the link-worker app share (the stylesheet is nhs.css).
export { ensureViteBuilt, sourceFingerprint, type ViteApp } from './vite-build';
