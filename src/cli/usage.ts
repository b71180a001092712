/** Usage errors: printed as a plain message and exit status 2, never a stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly cwd: string;
}

export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 70 } as const;
