/** Ioctl numbers: the generated literal numbers per ABI family, checked against the encoder. */
import { ABIS, type Abi } from "../abi/abis.js";
import { encodeIoctl, IOCTL_FAMILIES, type IoctlDir } from "../abi/ioctl-families.js";
import { resolveAbi, type StructCodec } from "./codec.js";

export interface IoctlDesc {
  readonly name: string;
  readonly type: number;
  readonly nr: number;
  readonly dir: IoctlDir;
  readonly arg?: StructCodec<unknown>;
  /** Numbers by ABI family name, or by ABI name where a family's ABIs differ. */
  readonly numbers: Readonly<Record<string, number>>;
}

export class Ioctl {
  constructor(readonly desc: IoctlDesc) {}

  get name(): string {
    return this.desc.name;
  }

  /** The request number on an ABI, computed from its family's encoding. */
  number(abi: string | Abi): number {
    const a = resolveAbi(abi);
    const size = this.desc.dir === "none" || !this.desc.arg ? 0 : this.desc.arg.size(a);
    return encodeIoctl(IOCTL_FAMILIES[a.ioctl], this.desc.dir, this.desc.type, this.desc.nr, size);
  }

  /** The generated literal for an ABI: by ABI name first, then by family. */
  declared(abi: string | Abi): number | undefined {
    const a = resolveAbi(abi);
    return this.desc.numbers[a.name] ?? this.desc.numbers[a.ioctl];
  }
}

export function defineIoctl(desc: IoctlDesc): Ioctl {
  return new Ioctl(desc);
}

/** Numbers grouped by family where every ABI of the family agrees, by ABI otherwise. */
export function ioctlNumbers(number: (abi: Abi) => number): Record<string, number> {
  const out: Record<string, number> = {};
  const families = new Map<string, Abi[]>();
  for (const abi of ABIS) families.set(abi.ioctl, [...(families.get(abi.ioctl) ?? []), abi]);
  for (const [family, abis] of families) {
    const values = new Set(abis.map(number));
    if (values.size === 1) out[family] = [...values][0]!;
    else for (const abi of abis) out[abi.name] = number(abi);
  }
  return out;
}
