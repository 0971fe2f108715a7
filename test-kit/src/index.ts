// @linkwell/test-kit: test doubles behind the product's own interfaces, for tests and benchmarks only.
export { MemoryGateway } from './memory-gateway';
export { outageSwitch, type Outage } from './outage';
export { startThrowawayPostgres, type ThrowawayPostgres } from './postgres';
