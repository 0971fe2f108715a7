/** Structured JSON log lines. Callers log ids, types and counts only: never patient data or tokens. */
export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

/** One JSON object a line; `service` names the emitter when several share a terminal. */
export function jsonLogger(
  write: (line: string) => void = (line) => process.stdout.write(line),
  service?: string,
): Logger {
  const emit = (level: string, event: string, fields: LogFields = {}): void => {
    const line = { time: new Date().toISOString(), level, service, event, ...fields };
    write(`${JSON.stringify(line)}\n`);
  };
  return {
    info: (event, fields) => {
      emit('info', event, fields);
    },
    warn: (event, fields) => {
      emit('warn', event, fields);
    },
    error: (event, fields) => {
      emit('error', event, fields);
    },
  };
}

export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
