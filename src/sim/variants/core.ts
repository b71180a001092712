/**
 * What the unmerged designs share on the kernel side: the dispatcher's copy of the ioctl
 * struct and the write-back, and the core checks plus the SMMUv3 vIOMMU path (kcalloc, the
 * full-array copy with the design's entry struct, and the corrected driver loop).
 */
import { iommu_hwpt_invalidate_data_type } from "../../../out/ts/iommufd.js";
import type { StructCodec } from "../../runtime/codec.js";
import type { Errno } from "../errno.js";
import { copyFullUserArray } from "../kernel/copy-helpers.js";
import { copyIoctlArg, respond } from "../kernel/dispatcher.js";
import type { Kernel } from "../kernel/kernel.js";
import { runFixedVsmmu, type EngineResult } from "./engine.js";

/** The user side writes the struct (size = sizeof), the kernel side runs `execute`, the user reads the struct back. */
export function submit<T extends { size: number }>(
  k: Kernel,
  codec: StructCodec<T>,
  fields: Omit<T, "size">,
  execute: (cmd: T) => { errno: Errno; respond: T },
): { errno: Errno; out: T } {
  const size = codec.size(k.abi);
  const arg = k.mem.map(codec.encode({ ...fields, size } as T, k.abi, { validate: false }));
  const lastMandatory = codec.desc.fields[codec.desc.fields.length - 1]!.name;
  const copied = copyIoctlArg(k.mem, k.abi, codec, lastMandatory, arg);
  let errno: Errno;
  if ("errno" in copied) errno = copied.errno;
  else {
    const r = execute(copied.cmd);
    errno = respond(k.mem, k.abi, codec, r.respond, arg, copied.usize) ? r.errno : "EFAULT";
  }
  return { errno, out: codec.decode(k.mem.read(arg, size)!, k.abi, 0, { validate: false }) };
}

export function kernelCore<E extends { cmd: bigint[] }>(
  k: Kernel,
  hwptId: number,
  reserved: number,
  uptr: bigint,
  entryLen: number,
  entryNum: number,
  dataType: number,
  entry: StructCodec<E>,
): EngineResult {
  const fail = (errno: Errno): EngineResult => ({ errno, handled: 0, failure: undefined });
  if (reserved !== 0) return fail("EOPNOTSUPP");
  if (entryNum !== 0 && (uptr === 0n || entryLen === 0)) return fail("EINVAL");
  const obj = k.objects.get(hwptId);
  if (!obj) return fail("ENOENT");
  if (obj.kind !== "viommu" || obj.iommu !== "smmu") return fail("EINVAL");
  // Unlike the merged driver, a failed allocation reports nothing handled (entry_num 0).
  if (!k.alloc.kcalloc(BigInt(entryNum), entry.size(k.abi))) return fail("ENOMEM");
  const copied = copyFullUserArray(
    k.mem,
    k.abi,
    entry,
    { type: dataType, uptr, entryLen, entryNum },
    iommu_hwpt_invalidate_data_type.IOMMU_VIOMMU_INVALIDATE_DATA_ARM_SMMUV3,
  );
  if (!("value" in copied)) return fail(copied.errno);
  return runFixedVsmmu(
    k,
    obj,
    copied.value.map((e) => e.cmd),
  );
}
