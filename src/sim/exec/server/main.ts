/**
 * The simulator process of `uapi-gen sim exec`, started by the launcher with its end of the
 * channel on fd 3: serves requests one at a time until every process of the program is gone.
 *
 * usage (internal): main.ts --fd 3 --abi x86_64 --kernel latest [--trace FILE]
 */
import { closeSync, openSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { findAbi } from "../../../abi/abis.js";
import { IommufdFile } from "../../kernel/iommufd-file.js";
import { KERNEL_LEVELS, Machine, type KernelLevel } from "../../kernel/kernel.js";
import { UserMemory } from "../../user-memory.js";
import { Channel, ChannelClosed } from "./channel.js";
import { FdTables, processAlive } from "./fd-tables.js";
import { Session } from "./session.js";
import { Tracer } from "./trace.js";

export interface ServeOptions {
  readonly fd: number;
  readonly abi: string;
  readonly kernel: KernelLevel;
  readonly trace?: string;
}

/** The kernel's page size, as /proc shows it for this process's own mappings. */
function hostPageSize(): number {
  const m = /^KernelPageSize:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/smaps", "latin1"));
  return m ? Number(m[1]) * 1024 : 4096;
}

export function serve(o: ServeOptions): void {
  const abi = findAbi(o.abi);
  if (!abi) throw new Error(`internal: unknown ABI ${o.abi}`);
  const traceFd = o.trace ? openSync(o.trace, "w") : undefined;
  const channel = new Channel(o.fd);
  const tables = new FdTables();
  const idle = new UserMemory(); // no call in progress: nothing to copy from
  const machine = new Machine();
  machine.pageSize = hostPageSize();
  machine.onNotModelled = (what) =>
    process.stderr.write(`uapi-gen sim: not modelled: ${what}; the call fails with EOPNOTSUPP\n`);
  const session = new Session(
    channel,
    tables,
    () => new IommufdFile(abi, o.kernel, idle, machine),
    processAlive,
    traceFd === undefined ? undefined : new Tracer(traceFd, abi, machine),
  );
  try {
    for (;;) {
      const m = channel.receive();
      if (m) session.handle(m);
      else tables.collect();
    }
  } catch (e) {
    if (!(e instanceof ChannelClosed)) throw e;
  } finally {
    tables.releaseAll();
    if (traceFd !== undefined) closeSync(traceFd);
  }
}

function main(argv: readonly string[]): void {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      fd: { type: "string" },
      abi: { type: "string" },
      kernel: { type: "string" },
      trace: { type: "string" },
    },
  });
  const kernel = values.kernel as KernelLevel;
  if (!values.fd || !values.abi || !KERNEL_LEVELS.includes(kernel))
    throw new Error(`internal: bad simulator arguments ${argv.join(" ")}`);
  serve({ fd: Number(values.fd), abi: values.abi, kernel, trace: values.trace });
}

main(process.argv.slice(2));
