/**
 * In a fuzz worker `process.exit` only records the call: a case must not end the process
 * that runs it (the language server exits on the protocol's `exit` notification). A call
 * anywhere else is a finding; the worker reports it.
 */
export const exitCalls: number[] = [];

export function guardExit(): void {
  process.exit = ((code?: number | string | null) => {
    exitCalls.push(Number(code ?? 0));
  }) as typeof process.exit;
}
