/**
 * The VMM's IOMMU_HWPT_INVALIDATE request, as a VMM process keeps it: one entry array big
 * enough for the longest batch its guest queue can hold and one ioctl struct, both in its own
 * memory, mapped once. A batch is staged into the array in place and submitted by setting
 * entry_num and calling the ioctl; the kernel copies both from that memory and writes
 * entry_num back there. The struct is encoded with the generated codec once; the entry layout
 * and entry_num's place come from the same codecs' layouts for the ABI.
 */
import {
  IOMMU_HWPT_INVALIDATE,
  iommu_hwpt_invalidate,
  iommu_hwpt_invalidate_data_type,
  iommu_viommu_arm_smmuv3_invalidate,
} from "../../../out/ts/iommufd.js";
import type { Abi } from "../../abi/abis.js";
import type { StructCodec } from "../../runtime/codec.js";
import type { Errno } from "../errno.js";
import { iommufdIoctl } from "../kernel/dispatcher.js";
import type { Kernel } from "../kernel/kernel.js";
import type { Viommu } from "../kernel/objects.js";

function fieldAt(
  codec: Pick<StructCodec<unknown>, "layout">,
  abi: Abi,
  name: string,
  size: number,
): number {
  const f = codec.layout(abi).fields.find((x) => x.name === name);
  if (!f || f.size !== size) throw new Error(`internal: unexpected layout of ${name}`);
  return f.offset;
}

export class InvalidateRequest {
  private readonly entries: DataView;
  private readonly entrySize: number;
  /** Offset of the entry's 128-bit `cmd` (two little-endian u64s on every ABI). */
  private readonly cmdAt: number;
  private readonly struct: DataView;
  private readonly arg: bigint;
  private readonly number: number;
  private readonly entryNumAt: number;
  private readonly little: boolean;

  constructor(
    private readonly k: Kernel,
    viommu: Viommu,
    capacity: number,
  ) {
    const abi = k.abi;
    const entry = iommu_viommu_arm_smmuv3_invalidate;
    this.entrySize = entry.size(abi);
    this.cmdAt = fieldAt(entry, abi, "cmd", 16);
    const array = new Uint8Array(this.entrySize * capacity);
    this.entries = new DataView(array.buffer);
    const struct = iommu_hwpt_invalidate.encode(
      {
        size: iommu_hwpt_invalidate.size(abi),
        hwpt_id: viommu.id,
        data_uptr: k.mem.mapShared(array),
        data_type: iommu_hwpt_invalidate_data_type.IOMMU_VIOMMU_INVALIDATE_DATA_ARM_SMMUV3,
        entry_len: this.entrySize,
        entry_num: 0,
        __reserved: 0,
      },
      abi,
      { validate: false },
    );
    this.struct = new DataView(struct.buffer, struct.byteOffset, struct.byteLength);
    this.arg = k.mem.mapShared(struct);
    this.number = IOMMU_HWPT_INVALIDATE.number(abi);
    this.entryNumAt = fieldAt(iommu_hwpt_invalidate, abi, "entry_num", 4);
    this.little = abi.endian === "little";
  }

  /** Writes the command in `q[at..at+4)` (32-bit halves) as entry `index`. */
  stage(index: number, q: Uint32Array, at: number): void {
    const e = this.entries;
    const off = index * this.entrySize + this.cmdAt;
    e.setUint32(off, q[at]!, true);
    e.setUint32(off + 4, q[at + 1]!, true);
    e.setUint32(off + 8, q[at + 2]!, true);
    e.setUint32(off + 12, q[at + 3]!, true);
  }

  /** The ioctl on the first `count` staged entries; `entryNum` then holds what came back. */
  submit(count: number): Errno {
    this.struct.setUint32(this.entryNumAt, count, this.little);
    return iommufdIoctl(this.k, this.number, this.arg);
  }

  /** entry_num as the kernel wrote it back. */
  get entryNum(): number {
    return this.struct.getUint32(this.entryNumAt, this.little);
  }
}
