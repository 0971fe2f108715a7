/** Structured JSON lines on stdout. Callers pass ids and types only: never patient data or tokens. */
export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export function jsonLogger(
  write: (line: string) => void = (line) => process.stdout.write(line),
): Logger {
  const emit = (level: string, event: string, fields: LogFields = {}): void => {
    write(
      `${JSON.stringify({ time: new Date().toISOString(), level, service: 'ehr-sandbox', event, ...fields })}\n`,
    );
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
