/**
 * Document URIs and file paths. The analysis works on absolute paths (the loader resolves
 * relative imports against them); the protocol speaks URIs. A client may spell a URI
 * differently from `pathToFileURL` (percent-encoding), so the URI a client used for a path
 * is remembered and used when publishing for that path.
 */
import { fileURLToPath, pathToFileURL } from "node:url";

/** Documents that are not files (`untitled:`) get a stable fake path outside any project. */
const NON_FILE_ROOT = "/__uapi_gen_nonfile__/";

export class UriMap {
  private readonly clientUri = new Map<string, string>();

  toPath(uri: string): string {
    let path: string;
    try {
      path = uri.startsWith("file:")
        ? fileURLToPath(uri)
        : `${NON_FILE_ROOT}${encodeURIComponent(uri)}`;
    } catch {
      path = `${NON_FILE_ROOT}${encodeURIComponent(uri)}`;
    }
    this.clientUri.set(path, uri);
    return path;
  }

  toUri(path: string): string {
    const known = this.clientUri.get(path);
    if (known) return known;
    if (path.startsWith(NON_FILE_ROOT)) return decodeURIComponent(path.slice(NON_FILE_ROOT.length));
    return pathToFileURL(path).href;
  }
}
