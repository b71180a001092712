/**
 * Running one step: one executor per action, each going through user memory and the real
 * ioctl dispatcher, returning what the step observed (errno, entry_num, output fields and,
 * for the guest queue, its registers).
 */
import {
  IOMMU_HWPT_INVALIDATE,
  iommu_hwpt_invalidate,
  iommu_viommu_arm_smmuv3_invalidate,
} from "../../../out/ts/iommufd.js";
import type { KernelObject } from "../kernel/objects.js";
import { DESIGNS } from "../variants/designs.js";
import type { Errno } from "../errno.js";
import { iommufdIoctl } from "../kernel/dispatcher.js";
import { FAULT_ADDRESS, USER_MAPPING_LIMIT } from "../user-memory.js";
import { ScenarioFormatError } from "./format-error.js";
import type { ScenarioSystem } from "./system.js";
import type { ActionName, ActionSpec, ArgMapping, Pointer } from "./types.js";

export interface Observed {
  readonly errno: Errno;
  readonly entryNum: number | null;
  readonly fields?: Readonly<Record<string, unknown>>;
  readonly guest?: {
    readonly cons: number;
    readonly consErr: string;
    readonly gerrorCmdqErr: boolean;
  };
}

type Executor<A extends ActionName> = (
  sys: ScenarioSystem,
  spec: Extract<ActionSpec, { action: A }>,
  where: string,
) => Observed;

const OK: Observed = { errno: "OK", entryNum: null };

/** The pointer a step asked for: a raw value, or `valid()` mapping the real buffer. */
function pointerValue(p: Pointer, valid: () => bigint): bigint {
  return "raw" in p ? p.raw : valid();
}

/** Maps `bytes`, padded with zeros to `total` without storing the zeros. */
function mapPadded(
  sys: ScenarioSystem,
  bytes: Uint8Array,
  total: bigint,
  arg: ArgMapping = "normal",
): bigint {
  if (arg === "fault") return FAULT_ADDRESS;
  return sys.k.mem.map(
    bytes,
    total > BigInt(bytes.length) ? total - BigInt(bytes.length) : 0n,
    arg === "readonly",
  );
}

/** The struct as user space reads it back, or undefined when it lives nowhere. */
function readBack<T>(
  sys: ScenarioSystem,
  codec: {
    decode(
      b: Uint8Array,
      abi: ScenarioSystem["k"]["abi"],
      offset: number,
      options: { validate: boolean },
    ): T;
    size(abi: ScenarioSystem["k"]["abi"]): number;
  },
  arg: bigint,
): T | undefined {
  const bytes = sys.k.mem.read(arg, codec.size(sys.k.abi));
  return bytes && codec.decode(bytes, sys.k.abi, 0, { validate: false });
}

/** An SMMUv3 vIOMMU invalidation through one of the unmerged designs (scenario `variant`). */
function invalidateWithDesign(
  sys: ScenarioSystem,
  s: Extract<ActionSpec, { action: "invalidate" }>,
  where: string,
): Observed {
  const target =
    typeof s.hwpt === "string" ? sys.get<KernelObject>(s.hwpt) : sys.k.objects.get(s.hwpt);
  if (target?.kind !== "viommu" || target.iommu !== "smmu") {
    throw new ScenarioFormatError(
      `${where}: key "invalidate.hwpt": variant ${sys.scenario.variant} models the SMMUv3 vIOMMU path only`,
    );
  }
  const cmds = s.entries.map(
    (e) => iommu_viommu_arm_smmuv3_invalidate.decode(e, sys.k.abi, 0, { validate: false }).cmd,
  );
  const report = DESIGNS.find((d) => d.id === sys.scenario.variant)!.submit(sys.k, target, cmds);
  const fields = report.fields as Record<string, unknown>;
  return {
    errno: report.errno,
    entryNum: typeof fields.entry_num === "number" ? fields.entry_num : null,
    fields,
  };
}

const EXECUTORS: { readonly [A in ActionName]: Executor<A> } = {
  invalidate: (sys, s, where) => {
    if (sys.scenario.variant !== "a") return invalidateWithDesign(sys, s, where);
    const { abi } = sys.k;
    const len = BigInt(s.entryLen);
    const total = len * BigInt(Math.max(s.entryNum, s.entries.length));
    const stored = new Uint8Array(
      Number(
        BigInt(s.entries.length) * len > USER_MAPPING_LIMIT
          ? USER_MAPPING_LIMIT
          : BigInt(s.entries.length) * len,
      ),
    );
    s.entries.forEach((e, i) => {
      if ((i + 1) * s.entryLen <= stored.length) stored.set(e, i * s.entryLen);
    });
    const uptr = pointerValue(s.dataUptr, () => mapPadded(sys, stored, total));
    const ksize = iommu_hwpt_invalidate.size(abi);
    const struct = iommu_hwpt_invalidate.encode(
      {
        size: s.size,
        hwpt_id: sys.id(s.hwpt),
        data_uptr: uptr,
        data_type: s.dataType,
        entry_len: s.entryLen,
        entry_num: s.entryNum,
        __reserved: s.reserved,
      },
      abi,
      { validate: false },
    );
    const arg = mapPadded(sys, struct, BigInt(Math.max(s.size, ksize)), s.arg);
    const errno = iommufdIoctl(sys.k, IOMMU_HWPT_INVALIDATE.number(abi), arg);
    const out = readBack(sys, iommu_hwpt_invalidate, arg);
    return {
      errno,
      entryNum: out?.entry_num ?? null,
      fields: (out ?? {}) as unknown as Record<string, unknown>,
    };
  },
  ioctl: (sys, s) => {
    const { abi, mem } = sys.k;
    const codec = s.codec;
    const value = { ...((codec?.zero(abi) ?? {}) as Record<string, unknown>) };
    for (const [k, v] of Object.entries(s.fields)) {
      const big = typeof value[k] === "bigint";
      const n =
        typeof v === "object"
          ? pointerValue(v, () => mem.map(new Uint8Array(0)))
          : typeof v === "string"
            ? BigInt(sys.id(v))
            : BigInt(v);
      value[k] = big ? n : Number(n);
    }
    const sizeWord = new Uint8Array(4);
    new DataView(sizeWord.buffer).setUint32(0, s.size, abi.endian === "little");
    const struct = codec
      ? codec.encode({ ...value, size: s.size }, abi, { validate: false })
      : sizeWord;
    const bytes = new Uint8Array(struct.length + s.trailing.length);
    bytes.set(struct);
    bytes.set(s.trailing, struct.length);
    const arg = mapPadded(sys, bytes, BigInt(Math.max(s.size, bytes.length)), s.arg);
    const errno = iommufdIoctl(sys.k, s.number, arg);
    const out = (codec && (readBack(sys, codec, arg) as Record<string, unknown> | undefined)) ?? {};
    return {
      errno,
      entryNum: typeof out.entry_num === "number" ? out.entry_num : null,
      fields: out,
    };
  },
  guest_cmdq: (sys, s, where) => {
    const vmm = sys.vmm(s.viommu);
    const from = vmm.forwarded.length;
    if (!vmm.guestWrite(s.commands))
      throw new ScenarioFormatError(
        `${where}: key "guest_cmdq.commands": the guest queue is full (vmm.cmdq_log2size ${vmm.cfg.log2size})`,
      );
    return guestObserved(sys, s.viommu, from);
  },
  guest_ack: (sys, s) => {
    const vmm = sys.vmm(s.viommu);
    const from = vmm.forwarded.length;
    vmm.guestAcknowledge(s.skip);
    return guestObserved(sys, s.viommu, from);
  },
  fault: (sys, s) => {
    const arm = {
      sync_timeout: () => sys.k.smmu.armSyncTimeout(),
      atc_timeout: () => sys.k.smmu.armAtcTimeout(s.sid),
      nomem: () => sys.k.alloc.failNextAllocation(),
    };
    arm[s.kind]();
    return OK;
  },
  destroy: (sys, s) => ({ errno: sys.destroy(s.target), entryNum: null }),
  cache_fill: (sys, s) => {
    const c = sys.k.smmu.caches;
    c.fillTlb(s.tlb);
    for (const a of s.atc) c.fillAtc(a.sid, a.entry);
    for (const sid of s.ste) c.ste.add(sid);
    for (const cd of s.cd) c.fillCd(cd.sid, cd.ssid);
    return OK;
  },
};

/** The guest registers, and the last ioctl the VMM made during the step. */
function guestObserved(sys: ScenarioSystem, viommu: string, from: number): Observed {
  const vmm = sys.vmm(viommu);
  const last = vmm.forwarded.length > from ? vmm.forwarded[vmm.forwarded.length - 1] : undefined;
  return {
    errno: last?.errno ?? "OK",
    entryNum: last?.entry_num ?? null,
    guest: { cons: vmm.consRd, consErr: vmm.consErrName, gerrorCmdqErr: vmm.cmdqErrActive },
  };
}

export function executeStep(sys: ScenarioSystem, spec: ActionSpec, where: string): Observed {
  return (EXECUTORS[spec.action] as Executor<ActionName>)(sys, spec, where);
}
