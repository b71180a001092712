/**
 * `--trace FILE`: one JSON line per ioctl a program makes on a simulated file: the request
 * by name, the argument struct decoded with the generated codec of its ioctl (as the kernel
 * copied it: the user's size, zero-extended), the errno and return value, and the fields the
 * call changed in the struct. Only bytes the preload sent are decoded: tracing never makes
 * the simulator read more of the program's memory than the kernel would.
 */
import { writeSync } from "node:fs";
import type { Abi } from "../../../abi/abis.js";
import type { StructCodec } from "../../../runtime/codec.js";
import { Ioctl } from "../../../runtime/ioctl.js";
import * as iommufd from "../../../../out/ts/iommufd.js";
import * as iommufdTest from "../../../../out/ts/iommufd_test.js";
import type { CallResult } from "../../kernel/file.js";
import type { Machine } from "../../kernel/kernel.js";
import type { ProcessMemory } from "./process-memory.js";
import { traceView } from "./trace-views.js";

interface Known {
  readonly name: string;
  readonly codec: StructCodec<unknown> | undefined;
}

/** Every ioctl of the generated modules the simulator implements, by number on `abi`. */
export function knownIoctls(abi: Abi): Map<number, Known> {
  const out = new Map<number, Known>();
  for (const mod of [iommufd, iommufdTest] as Record<string, unknown>[])
    for (const v of Object.values(mod))
      if (v instanceof Ioctl) out.set(v.number(abi), { name: v.name, codec: v.desc.arg });
  return out;
}

/** JSON with 64-bit values as numbers when exact, "0x..." strings otherwise. */
function jsonValue(_k: string, v: unknown): unknown {
  if (typeof v !== "bigint") return v;
  return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(v)
    : `0x${BigInt.asUintN(64, v).toString(16)}`;
}

function changed(before: Record<string, unknown>, after: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(after))
    if (JSON.stringify(before[k], jsonValue) !== JSON.stringify(after[k], jsonValue))
      out[k] = after[k];
  return out;
}

export class Tracer {
  private readonly known: Map<number, Known>;

  constructor(
    private readonly fd: number,
    private readonly abi: Abi,
    private readonly machine: Machine,
  ) {
    this.known = knownIoctls(abi);
  }

  /** The kernel's copy of the struct at `arg`, from what the preload sent, if it sent it. */
  private struct(codec: StructCodec<unknown>, arg: bigint, mem: ProcessMemory) {
    const size = codec.size(this.abi);
    const head = mem.peek(arg, 4);
    if (!head) return undefined;
    const usize = new DataView(head.buffer, head.byteOffset).getUint32(
      0,
      this.abi.endian === "little",
    );
    const bytes = new Uint8Array(size);
    const got = mem.peek(arg, Math.min(usize, size));
    if (!got) return undefined;
    bytes.set(got);
    return traceView(
      codec.name,
      codec.decode(bytes, this.abi, 0, { validate: false }) as Record<string, unknown>,
    );
  }

  before(number: number, arg: bigint, mem: ProcessMemory, pid: number, fd: number) {
    const k = this.known.get(number);
    const arg0 = k?.codec ? this.struct(k.codec, arg, mem) : undefined;
    this.machine.lastNotModelled = undefined;
    return {
      after: (r: CallResult) => {
        const arg1 = k?.codec && arg0 ? this.struct(k.codec, arg, mem) : undefined;
        const line = {
          pid,
          fd,
          ioctl: k?.name ?? `0x${number.toString(16)}`,
          arg: arg0 ?? null,
          errno: r.errno,
          ret: r.errno === "OK" ? (r.ret ?? 0) : -1,
          written: arg0 && arg1 ? changed(arg0, arg1) : {},
          ...(this.machine.lastNotModelled ? { not_modelled: this.machine.lastNotModelled } : {}),
        };
        writeSync(this.fd, JSON.stringify(line, jsonValue) + "\n");
      },
    };
  }
}
