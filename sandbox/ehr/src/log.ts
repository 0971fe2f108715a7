// The sandbox logs through the services' shared JSON logger, tagged `service: ehr-sandbox`.
export { jsonLogger, type LogFields, type Logger } from '@linkwell/service-kit';
