/**
 * `uapi-gen` as a library (the package's main export): run the command line in-process with
 * your own output streams and working folder, and get the exit status back.
 *
 *   import { main } from "uapi-gen";
 *   const status = await main(["lint", "--format", "json"], { out, err, cwd });
 */
export { main } from "./main.js";
export { EXIT, type Io } from "./usage.js";
