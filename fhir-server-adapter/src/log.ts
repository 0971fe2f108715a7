// The adapter logs through the services' shared JSON logger.
export { jsonLogger, silentLogger, type LogFields, type Logger } from '@linkwell/service-kit';
