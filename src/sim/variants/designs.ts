/**
 * The error-reporting designs as runnable models (uapi-defs/iommufd_invalidate_variants.ts):
 * each one encodes the request in its own struct in user memory with the generated codec, the
 * kernel side reads it with the dispatcher's rules, runs the SMMUv3 vIOMMU path and writes its
 * report back, and the VMM side decodes the report into what the guest can learn: the index
 * it blames (the first entry not handled) and an error code.
 */
import {
  IOMMU_HWPT_INVALIDATE,
  iommu_hwpt_invalidate,
  iommu_hwpt_invalidate_data_type,
  iommu_viommu_arm_smmuv3_invalidate,
} from "../../../out/ts/iommufd.js";
import {
  IOMMU_INVALIDATE_PACKED_INDEX_BITS,
  IOMMU_INVALIDATE_PACKED_INDEX_MASK,
  iommu_hwpt_invalidate_index_code,
  iommu_hwpt_invalidate_packed,
  iommu_hwpt_invalidate_ring,
  iommu_viommu_arm_smmuv3_invalidate_hw_error,
} from "../../../out/ts/iommufd_invalidate_variants.js";
import type { Errno } from "../errno.js";
import { iommufdIoctl } from "../kernel/dispatcher.js";
import type { Kernel } from "../kernel/kernel.js";
import type { Viommu } from "../kernel/objects.js";
import { CERROR, cerrorName, type CerrorName } from "../smmu/errors.js";
import { ptrIndex, ptrInc, ptrWrap } from "../smmu/queue.js";
import { cerrorFor, DEFAULT_VMM_CONFIG } from "../vmm/policy.js";
import { kernelCore, submit } from "./core.js";
import type { EngineResult } from "./engine.js";

export const DESIGN_IDS = ["a", "a-fixed", "b", "c", "d", "e"] as const;
export type DesignId = (typeof DESIGN_IDS)[number];

/** What the guest's VMM learns from one call. */
export interface Report {
  readonly errno: Errno;
  /** The first entry the report says was not handled (the entry count on full success). */
  readonly blamed: number;
  /** The CERROR the guest is given: from the design's code field, or the VMM's errno map. */
  readonly code: CerrorName;
  /** The output fields, decoded, for display. */
  readonly out: Readonly<Record<string, number | string>>;
  /** The design's ioctl struct as user space reads it back (and, for (e), the entries' hw_error). */
  readonly fields: object;
}

export interface Design {
  readonly id: DesignId;
  readonly title: string;
  /** Static facts about the uAPI shape, for the compare table. */
  readonly zeroIsUnambiguous: boolean;
  readonly anyArraySize: boolean;
  readonly linearArray: boolean;
  readonly submit: (k: Kernel, viommu: Viommu, cmds: readonly (readonly bigint[])[]) => Report;
}

const ARM = iommu_hwpt_invalidate_data_type.IOMMU_VIOMMU_INVALIDATE_DATA_ARM_SMMUV3;
const mapped = (errno: Errno): CerrorName =>
  errno === "OK" ? "CERROR_NONE" : cerrorFor(DEFAULT_VMM_CONFIG, errno);
const codeOf = (r: EngineResult): number =>
  r.errno === "OK" ? 0 : r.failure?.kind === "issue" ? CERROR[r.failure.cerror] : CERROR.CERROR_ILL;

function linearArray(k: Kernel, cmds: readonly (readonly bigint[])[]): bigint {
  const size = iommu_viommu_arm_smmuv3_invalidate.size(k.abi);
  const bytes = new Uint8Array(size * cmds.length);
  cmds.forEach((c, i) =>
    iommu_viommu_arm_smmuv3_invalidate.encodeInto(bytes, i * size, { cmd: [...c] }, k.abi),
  );
  return k.mem.map(bytes);
}

const request = (k: Kernel, v: Viommu, cmds: readonly (readonly bigint[])[]) => ({
  hwpt_id: v.id,
  data_uptr: linearArray(k, cmds),
  data_type: ARM,
  entry_len: iommu_viommu_arm_smmuv3_invalidate.size(k.abi),
  entry_num: cmds.length,
  __reserved: 0,
});

/** (a) as merged: the real kernel path through the real dispatcher. */
const merged: Design = {
  id: "a",
  title: "(a) errno + entry_num, merged kernel",
  zeroIsUnambiguous: true,
  anyArraySize: true,
  linearArray: true,
  submit: (k, v, cmds) => {
    const arg = k.mem.map(
      iommu_hwpt_invalidate.encode(
        { size: iommu_hwpt_invalidate.size(k.abi), ...request(k, v, cmds) },
        k.abi,
        { validate: false },
      ),
    );
    const errno = iommufdIoctl(k, IOMMU_HWPT_INVALIDATE.number(k.abi), arg);
    const out = iommu_hwpt_invalidate.decode(
      k.mem.read(arg, iommu_hwpt_invalidate.size(k.abi))!,
      k.abi,
      0,
      { validate: false },
    );
    return {
      errno,
      blamed: errno === "OK" ? cmds.length : out.entry_num,
      code: mapped(errno),
      out: { entry_num: out.entry_num },
      fields: out,
    };
  },
};

/** (a) with the driver corrected: same uAPI, entry_num = entries executed. */
const mergedFixed: Design = {
  ...merged,
  id: "a-fixed",
  title: "(a) errno + entry_num, corrected driver",
  submit: (k, v, cmds) => {
    const r = submit(k, iommu_hwpt_invalidate, { ...request(k, v, cmds) }, (cmd) => {
      const res = kernelCore(
        k,
        cmd.hwpt_id,
        cmd.__reserved,
        cmd.data_uptr,
        cmd.entry_len,
        cmd.entry_num,
        cmd.data_type,
        iommu_viommu_arm_smmuv3_invalidate,
      );
      return { errno: res.errno, respond: { ...cmd, entry_num: res.handled } };
    });
    return {
      errno: r.errno,
      blamed: r.errno === "OK" ? cmds.length : r.out.entry_num,
      code: mapped(r.errno),
      out: { entry_num: r.out.entry_num },
      fields: r.out,
    };
  },
};

/** (b) out_array_index + out_error_code. */
const indexCode: Design = {
  id: "b",
  title: "(b) out_array_index + out_error_code",
  zeroIsUnambiguous: false, // a kernel that does not fill out_error_code leaves 0: "no error"?
  anyArraySize: true,
  linearArray: true,
  submit: (k, v, cmds) => {
    const r = submit(
      k,
      iommu_hwpt_invalidate_index_code,
      { ...request(k, v, cmds), out_array_index: 0, out_error_code: 0 },
      (cmd) => {
        const res = kernelCore(
          k,
          cmd.hwpt_id,
          cmd.__reserved,
          cmd.data_uptr,
          cmd.entry_len,
          cmd.entry_num,
          cmd.data_type,
          iommu_viommu_arm_smmuv3_invalidate,
        );
        return {
          errno: res.errno,
          respond: { ...cmd, out_array_index: res.handled, out_error_code: codeOf(res) },
        };
      },
    );
    const code = cerrorName(r.out.out_error_code) ?? "CERROR_ILL";
    return {
      errno: r.errno,
      blamed: r.out.out_array_index,
      code,
      out: { out_array_index: r.out.out_array_index, out_error_code: code },
      fields: r.out,
    };
  },
};

const INDEX_MASK = IOMMU_INVALIDATE_PACKED_INDEX_MASK;

/** (c) code packed into the high bits of the returned index. */
const packed: Design = {
  id: "c",
  title: "(c) code packed in entry_num[31:24]",
  zeroIsUnambiguous: true,
  anyArraySize: false, // at most 2^24 − 1 entries
  linearArray: true,
  submit: (k, v, cmds) => {
    const r = submit(k, iommu_hwpt_invalidate_packed, { ...request(k, v, cmds) }, (cmd) => {
      if (cmd.entry_num > INDEX_MASK) return { errno: "EINVAL", respond: { ...cmd, entry_num: 0 } };
      const res = kernelCore(
        k,
        cmd.hwpt_id,
        cmd.__reserved,
        cmd.data_uptr,
        cmd.entry_len,
        cmd.entry_num,
        cmd.data_type,
        iommu_viommu_arm_smmuv3_invalidate,
      );
      return {
        errno: res.errno,
        respond: {
          ...cmd,
          entry_num: (res.handled | (codeOf(res) << IOMMU_INVALIDATE_PACKED_INDEX_BITS)) >>> 0,
        },
      };
    });
    const out = r.out.entry_num;
    const code = cerrorName(out >>> IOMMU_INVALIDATE_PACKED_INDEX_BITS) ?? "CERROR_ILL";
    return {
      errno: r.errno,
      blamed: out & INDEX_MASK,
      code,
      out: { index: out & INDEX_MASK, code },
      fields: r.out,
    };
  },
};

/** (d) a ring with PROD/CONS: the VMM puts the batch in a ring, the kernel consumes cons → prod. */
const ring: Design = {
  id: "d",
  title: "(d) ring with PROD/CONS in the ioctl",
  zeroIsUnambiguous: true,
  anyArraySize: false, // at most 2^19 entries, like the SMMU queue
  linearArray: false,
  submit: (k, v, cmds) => {
    const qs = Math.max(1, Math.ceil(Math.log2(cmds.length + 1)));
    const req = request(k, v, cmds);
    const r = submit(
      k,
      iommu_hwpt_invalidate_ring,
      {
        hwpt_id: req.hwpt_id,
        ring_uptr: req.data_uptr,
        data_type: ARM,
        entry_len: req.entry_len,
        log2size: qs,
        prod: cmds.length,
        cons: 0,
        __reserved: 0,
      },
      (cmd) => {
        if (cmd.log2size > 19) return { errno: "EINVAL", respond: cmd };
        const n = ((cmd.prod - cmd.cons) & ((2 << cmd.log2size) - 1)) >>> 0;
        // Entries from cons to prod are contiguous here (cons starts at 0), so the ring reads as an array.
        const res = kernelCore(
          k,
          cmd.hwpt_id,
          cmd.__reserved,
          cmd.ring_uptr + BigInt(ptrIndex(cmd.cons, cmd.log2size) * cmd.entry_len),
          cmd.entry_len,
          n,
          cmd.data_type,
          iommu_viommu_arm_smmuv3_invalidate,
        );
        const cons = ptrInc(cmd.cons, cmd.log2size, res.handled) | (codeOf(res) << 24);
        return { errno: res.errno, respond: { ...cmd, cons: cons >>> 0 } };
      },
    );
    const consOut = r.out.cons;
    const rd = consOut & ((2 << qs) - 1);
    const blamed = ptrIndex(rd, qs) + (ptrWrap(rd, qs) ? 1 << qs : 0);
    const code = cerrorName((consOut >>> 24) & 0x7f) ?? "CERROR_ILL";
    return {
      errno: r.errno,
      blamed,
      code,
      out: { cons: `0x${consOut.toString(16)}`, err: code },
      fields: r.out,
    };
  },
};

/** (e) per-entry hw_error: hardware failures land in the entries, the ioctl returns 0. */
const hwError: Design = {
  id: "e",
  title: "(e) per-entry hw_error",
  zeroIsUnambiguous: true,
  anyArraySize: true,
  linearArray: true,
  submit: (k, v, cmds) => {
    const E = iommu_viommu_arm_smmuv3_invalidate_hw_error;
    const size = E.size(k.abi);
    const bytes = new Uint8Array(size * cmds.length);
    cmds.forEach((c, i) =>
      E.encodeInto(bytes, i * size, { cmd: [...c], hw_error: 0, __reserved: 0 }, k.abi),
    );
    const uptr = k.mem.map(bytes);
    const r = submit(
      k,
      iommu_hwpt_invalidate,
      { ...request(k, v, cmds), data_uptr: uptr, entry_len: size },
      (cmd) => {
        const res = kernelCore(
          k,
          cmd.hwpt_id,
          cmd.__reserved,
          cmd.data_uptr,
          cmd.entry_len,
          cmd.entry_num,
          cmd.data_type,
          E,
        );
        if (res.failure?.kind !== "issue")
          return { errno: res.errno, respond: { ...cmd, entry_num: res.handled } };
        // The SMMU cannot say which command of the batch failed: every entry of it gets the code.
        for (let i = res.failure.start; i < res.failure.end; i++) {
          const at = cmd.data_uptr + BigInt(i * cmd.entry_len);
          const bytes = k.mem.read(at, size);
          if (!bytes) break; // past the mapping: the kernel never read it either
          const entry = E.decode(bytes, k.abi, 0, { validate: false });
          k.mem.write(
            at,
            E.encode({ ...entry, hw_error: CERROR[res.failure.cerror] }, k.abi, {
              validate: false,
            }),
          );
        }
        return { errno: "OK", respond: { ...cmd, entry_num: res.handled } };
      },
    );
    // Entry by entry: an array longer than a user mapping (1 MiB, 43,691 entries of 24
    // bytes) is cut short there, and what lies past the mapping was never written (0).
    const hwErrors = cmds.map((_, i) => {
      const entry = k.mem.read(uptr + BigInt(i * size), size);
      return entry ? E.decode(entry, k.abi, 0, { validate: false }).hw_error : 0;
    });
    const firstError = hwErrors.find((c) => c !== 0);
    const code =
      firstError !== undefined ? (cerrorName(firstError) ?? "CERROR_ILL") : mapped(r.errno);
    return {
      errno: r.errno,
      blamed: r.errno === "OK" && firstError === undefined ? cmds.length : r.out.entry_num,
      code,
      out: { entry_num: r.out.entry_num, hw_error: code },
      fields: { ...r.out, hw_error: hwErrors },
    };
  },
};

export const DESIGNS: readonly Design[] = [merged, mergedFixed, indexCode, packed, ring, hwError];
