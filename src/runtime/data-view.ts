/**
 * DataViews over callers' byte arrays. Creating one costs about 130 ns in V8 (more than
 * decoding a small struct), so the last one is kept while the caller's synchronous loop runs
 * over the same bytes, and forgotten at the next microtask so that it never keeps a buffer
 * alive after the caller is done with it.
 */
let lastBytes: Uint8Array | undefined;
let lastLength = -1;
let lastView: DataView | undefined;
let forgetting = false;

function forget(): void {
  lastBytes = lastView = undefined;
  lastLength = -1;
  forgetting = false;
}

export function dataViewOf(bytes: Uint8Array): DataView {
  // The length check also catches a detached buffer or a view that tracks a resized one.
  if (bytes === lastBytes && bytes.byteLength === lastLength) return lastView!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  lastBytes = bytes;
  lastLength = bytes.byteLength;
  lastView = view;
  if (!forgetting) {
    forgetting = true;
    queueMicrotask(forget);
  }
  return view;
}
