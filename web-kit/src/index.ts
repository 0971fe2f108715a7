// @linkwell/web-kit: what the GP app and the link-worker app share: nhsuk-frontend's stylesheet made
// offline by a Vite plugin (the apps' vite configs import it by path), Linkwell's own styles on top
// (nhs.css), and the build-when-stale Vite step.
export { ensureViteBuilt, sourceFingerprint, type ViteApp } from './vite-build';
