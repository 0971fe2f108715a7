// @linkwell/oruk-feed: a synthetic Open Referral UK feed for the demo, the tests and the bench.
export { startOrukFeed, page, type OrukFeedOptions, type RunningOrukFeed } from './server';
export { generateFeed, feedId, type FeedOptions } from './generate';
export { demoPostcodes, DEMO_TAXONOMY, DEMO_TERMS, type PostcodeCentroid } from './demo-area';
export type * from './types';
