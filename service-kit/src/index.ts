// @linkwell/service-kit: what the adapter and the EHR sandbox share.
export { ConfigError, envFlag, envInteger, envValue, httpUrl } from './env';
export { jsonLogger, silentLogger, type LogFields, type Logger } from './log';
