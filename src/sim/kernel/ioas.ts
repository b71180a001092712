/**
 * The IOAS ioctls (drivers/iommu/iommufd/ioas.c, vfio_compat.c): allocation, options and the
 * VFIO compatibility IOAS are modelled; of the page-table operations (mapping user memory,
 * copying, unmapping, IOVA ranges, changing the pinning process) the argument checks and the
 * IOAS lookup are, in the kernel's order, and what follows is not (notModelled).
 */
import type {
  iommu_ioas_alloc,
  iommu_ioas_allow_iovas,
  iommu_ioas_change_process,
  iommu_ioas_copy,
  iommu_ioas_iova_ranges,
  iommu_ioas_map,
  iommu_ioas_map_file,
  iommu_ioas_unmap,
  iommu_option,
  iommu_vfio_ioas,
} from "../../../out/ts/iommufd.js";
import {
  iommufd_ioas_map_flags,
  iommufd_option,
  iommufd_option_ops,
  iommufd_vfio_ioas_op,
} from "../../../out/ts/iommufd.js";
import type { Errno } from "../errno.js";
import { processCapable } from "./capability.js";
import type { AnyKernel } from "./kernel.js";
import type { Ioas } from "./objects.js";
import { respond, respondField, type OpResult, type Ucmd } from "./ucmd.js";

const MAP_FLAGS =
  iommufd_ioas_map_flags.IOMMU_IOAS_MAP_FIXED_IOVA |
  iommufd_ioas_map_flags.IOMMU_IOAS_MAP_WRITEABLE |
  iommufd_ioas_map_flags.IOMMU_IOAS_MAP_READABLE;
const RW =
  iommufd_ioas_map_flags.IOMMU_IOAS_MAP_WRITEABLE | iommufd_ioas_map_flags.IOMMU_IOAS_MAP_READABLE;
/** ULONG_MAX on the 64-bit hosts sim exec runs on. */
const ULONG_MAX = (1n << 64n) - 1n;
/** CAP_SYS_RESOURCE. */
const CAP_SYS_RESOURCE = 24;

export function newIoas(k: AnyKernel): Ioas {
  return k.objects.alloc<Ioas>({ kind: "ioas", holds: [], hwpts: [] });
}

export function ioasAlloc(u: Ucmd<iommu_ioas_alloc>): OpResult {
  if (u.cmd.flags) return "EOPNOTSUPP";
  const ioas = newIoas(u.k);
  u.cmd.out_ioas_id = ioas.id;
  const rc = respond(u);
  if (rc !== "OK") {
    u.k.objects.abort(ioas);
    return rc;
  }
  u.k.objects.finalize(ioas);
  return "OK";
}

export function ioasIovaRanges(u: Ucmd<iommu_ioas_iova_ranges>): OpResult {
  if (u.cmd.__reserved) return "EOPNOTSUPP";
  const ioas = u.k.objects.find(u.cmd.ioas_id, "ioas");
  if (typeof ioas === "string") return ioas;
  return u.k.notModelled("IOMMU_IOAS_IOVA_RANGES (the reserved and allowed IOVA trees)");
}

export function ioasAllowIovas(u: Ucmd<iommu_ioas_allow_iovas>): OpResult {
  if (u.cmd.__reserved) return "EOPNOTSUPP";
  const ioas = u.k.objects.find(u.cmd.ioas_id, "ioas");
  if (typeof ioas === "string") return ioas;
  return u.k.notModelled("IOMMU_IOAS_ALLOW_IOVAS (the allowed IOVA tree)");
}

/** The checks IOMMU_IOAS_MAP and IOMMU_IOAS_MAP_FILE share, then the IOAS lookup. */
function mapChecks(k: AnyKernel, flags: number, iova: bigint, length: bigint, id: number): Errno {
  if (iova >= ULONG_MAX || length >= ULONG_MAX) return "EOVERFLOW";
  if (!(flags & RW)) return "EINVAL";
  const ioas = k.objects.find(id, "ioas");
  return typeof ioas === "string" ? ioas : "OK";
}

export function ioasMap(u: Ucmd<iommu_ioas_map>): OpResult {
  if (u.cmd.flags & ~MAP_FLAGS || u.cmd.__reserved) return "EOPNOTSUPP";
  const rc = mapChecks(u.k, u.cmd.flags, u.cmd.iova, u.cmd.length, u.cmd.ioas_id);
  return rc !== "OK" ? rc : u.k.notModelled("IOMMU_IOAS_MAP (pinning user pages)");
}

export function ioasMapFile(u: Ucmd<iommu_ioas_map_file>): OpResult {
  if (u.cmd.flags & ~MAP_FLAGS) return "EOPNOTSUPP";
  const rc = mapChecks(u.k, u.cmd.flags, u.cmd.iova, u.cmd.length, u.cmd.ioas_id);
  return rc !== "OK" ? rc : u.k.notModelled("IOMMU_IOAS_MAP_FILE (pinning file pages)");
}

export function ioasCopy(u: Ucmd<iommu_ioas_copy>): OpResult {
  const c = u.cmd;
  if (c.flags & ~MAP_FLAGS) return "EOPNOTSUPP";
  if (c.length >= ULONG_MAX || c.src_iova >= ULONG_MAX || c.dst_iova >= ULONG_MAX)
    return "EOVERFLOW";
  if (!(c.flags & RW)) return "EINVAL";
  const src = u.k.objects.find(c.src_ioas_id, "ioas");
  if (typeof src === "string") return src;
  return u.k.notModelled("IOMMU_IOAS_COPY (the source's pages)");
}

export function ioasUnmap(u: Ucmd<iommu_ioas_unmap>): OpResult {
  const ioas = u.k.objects.find(u.cmd.ioas_id, "ioas");
  if (typeof ioas === "string") return ioas;
  if (!(u.cmd.iova === 0n && u.cmd.length === ULONG_MAX))
    if (u.cmd.iova >= ULONG_MAX || u.cmd.length >= ULONG_MAX) return "EOVERFLOW";
  return u.k.notModelled("IOMMU_IOAS_UNMAP (the IOVA areas)");
}

export function ioasChangeProcess(u: Ucmd<iommu_ioas_change_process>): OpResult {
  if (u.cmd.__reserved) return "EOPNOTSUPP";
  // Nothing is ever pinned here (IOMMU_IOAS_MAP is not modelled): there is nothing to move.
  return "OK";
}

function rlimitMode(u: Ucmd<iommu_option>): Errno {
  const c = u.cmd;
  if (c.object_id) return "EOPNOTSUPP";
  if (c.op === iommufd_option_ops.IOMMU_OPTION_OP_GET) {
    c.val64 = u.k.ctx.accountMode === "mm" ? 1n : 0n;
    return "OK";
  }
  if (c.op !== iommufd_option_ops.IOMMU_OPTION_OP_SET) return "EOPNOTSUPP";
  if (!processCapable(u.env?.pid, CAP_SYS_RESOURCE)) return "EPERM";
  if (u.k.objects.all().length) return "EBUSY";
  if (c.val64 > 1n) return "EINVAL";
  u.k.ctx.accountMode = c.val64 === 1n ? "mm" : "user";
  return "OK";
}

function hugePages(u: Ucmd<iommu_option>): Errno {
  const c = u.cmd;
  if (c.__reserved) return "EOPNOTSUPP";
  const ioas = u.k.objects.find(Number(c.object_id), "ioas");
  if (typeof ioas === "string") return ioas;
  if (c.op === iommufd_option_ops.IOMMU_OPTION_OP_GET) {
    c.val64 = ioas.largePages === false ? 0n : 1n;
    return "OK";
  }
  if (c.op !== iommufd_option_ops.IOMMU_OPTION_OP_SET) return "EOPNOTSUPP";
  if (c.val64 > 1n) return "EINVAL";
  ioas.largePages = c.val64 === 1n;
  return "OK";
}

export function option(u: Ucmd<iommu_option>): OpResult {
  if (u.cmd.__reserved) return "EOPNOTSUPP";
  let rc: Errno;
  if (u.cmd.option_id === iommufd_option.IOMMU_OPTION_RLIMIT_MODE) rc = rlimitMode(u);
  else if (u.cmd.option_id === iommufd_option.IOMMU_OPTION_HUGE_PAGES) rc = hugePages(u);
  else return "EOPNOTSUPP";
  return rc !== "OK" ? rc : respondField(u, "val64");
}

export function vfioIoas(u: Ucmd<iommu_vfio_ioas>): OpResult {
  const c = u.cmd;
  if (c.__reserved) return "EOPNOTSUPP";
  if (c.op === iommufd_vfio_ioas_op.IOMMU_VFIO_IOAS_GET) {
    const ioas = u.k.ctx.vfioIoas;
    if (!ioas || u.k.objects.get(ioas.id) !== ioas) return "ENODEV";
    c.ioas_id = ioas.id;
    return respond(u);
  }
  if (c.op === iommufd_vfio_ioas_op.IOMMU_VFIO_IOAS_SET) {
    const ioas = u.k.objects.find(c.ioas_id, "ioas");
    if (typeof ioas === "string") return ioas;
    u.k.ctx.vfioIoas = ioas;
    return "OK";
  }
  if (c.op === iommufd_vfio_ioas_op.IOMMU_VFIO_IOAS_CLEAR) {
    u.k.ctx.vfioIoas = undefined;
    return "OK";
  }
  return "EOPNOTSUPP";
}
