/**
 * Delta debugging (ddmin) over a case's pieces (lines, or messages of a session): removes
 * ever smaller chunks while the same finding still shows, within a budget of trials.
 */
export async function minimise(
  pieces: readonly string[],
  stillFails: (kept: readonly string[]) => Promise<boolean>,
  budget: number,
): Promise<string[]> {
  let current = [...pieces];
  let chunks = 2;
  let trials = 0;
  while (current.length > 1 && trials < budget) {
    const size = Math.ceil(current.length / chunks);
    let removed = false;
    for (let start = 0; start < current.length && trials < budget; start += size) {
      const candidate = [...current.slice(0, start), ...current.slice(start + size)];
      trials++;
      if (candidate.length && (await stillFails(candidate))) {
        current = candidate;
        chunks = Math.max(chunks - 1, 2);
        removed = true;
        break;
      }
    }
    if (!removed) {
      if (size === 1) break;
      chunks = Math.min(chunks * 2, current.length);
    }
  }
  return current;
}
