/**
 * A scenario file that does not follow docs/scenario-format.md. The message names
 * the file, the scenario, the step (or object) index and the offending key, and the CLI
 * prints it as is and exits 2, never with a stack trace.
 */
export class ScenarioFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ScenarioFormatError";
  }
}

/** Where in a file a value sits, so every complaint names it the same way. */
export class Where {
  constructor(
    readonly file: string,
    readonly scenario?: string,
    /** "step 3" or "object 1". */
    readonly item?: string,
  ) {}

  in(scenario: string): Where {
    return new Where(this.file, scenario);
  }

  at(item: string): Where {
    return new Where(this.file, this.scenario, item);
  }

  fail(key: string, problem: string): never {
    const parts = [this.file];
    if (this.scenario !== undefined) parts.push(`scenario "${this.scenario}"`);
    if (this.item !== undefined) parts.push(this.item);
    parts.push(`key "${key}"`);
    throw new ScenarioFormatError(`${parts.join(": ")}: ${problem}`);
  }
}
