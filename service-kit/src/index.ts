// @linkwell/service-kit: what the services share: config from the environment, logging, ports and processes.
export { ConfigError, envFlag, envInteger, envValue, httpUrl } from './env';
export { jsonLogger, silentLogger, type LogFields, type Logger } from './log';
export { freePort, portInUse } from './ports';
export { seededRandom } from './random';
export {
  runCommand,
  startService,
  tail,
  type CommandResult,
  type ProcessOptions,
  type ServiceProcess,
} from './processes';
