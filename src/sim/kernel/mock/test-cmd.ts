/**
 * IOMMU_TEST_CMD (iommufd_test, drivers/iommu/iommufd/selftest.c): one handler per op, in a
 * table; an op the table lacks is EOPNOTSUPP, as the kernel's default case. Ops that need
 * pinned pages or accesses stop after their lookups (notModelled).
 */
import type { iommu_test_cmd } from "../../../../out/ts/iommufd_test.js";
import {
  iommu_test_mock_domain_replace,
  iommu_test_op,
  MOCK_DEV_CACHE_ID_MAX,
  MOCK_NESTED_DOMAIN_IOTLB_ID_MAX,
} from "../../../../out/ts/iommufd_test.js";
import type { StructCodec } from "../../../runtime/codec.js";
import type { Errno } from "../../errno.js";
import { replaceDevice } from "../attach.js";
import { encodeInto, respond, type OpResult, type Ucmd } from "../ucmd.js";
import { mockDomain, mockTriggerIopf, mockTriggerVevent } from "./device.js";

type Cmd = iommu_test_cmd;
type Op = (u: Ucmd<Cmd>) => OpResult;

const ULONG_MAX = (1n << 64n) - 1n;

/** The payload's offset in iommu_test_cmd (its anonymous union). */
function payloadOffset(u: Ucmd<Cmd>): number {
  return u.codec.layout(u.k.abi).fields.find((f) => f.name === "payload")!.offset;
}

/** Responds with one member of the union written over the kernel's copy. */
export function respondPayload<T>(u: Ucmd<Cmd>, codec: StructCodec<T>, value: T): Errno {
  encodeInto(u.raw, codec, value, u.k.abi, payloadOffset(u));
  return respond(u, false);
}

function checkIotlb(u: Ucmd<Cmd>): Errno {
  const hwpt = u.k.objects.find(u.cmd.id, "hwpt_nested");
  if (typeof hwpt === "string") return hwpt;
  if (hwpt.iommu !== "mock") return "EINVAL";
  const { id, iotlb } = u.cmd.check_iotlb!;
  return id > MOCK_NESTED_DOMAIN_IOTLB_ID_MAX || hwpt.iotlb[id] !== iotlb ? "EINVAL" : "OK";
}

function checkDevCache(u: Ucmd<Cmd>): Errno {
  const dev = u.k.objects.find(u.cmd.id, "device");
  if (typeof dev === "string") return dev;
  const { id, cache } = u.cmd.check_dev_cache!;
  return id > MOCK_DEV_CACHE_ID_MAX || dev.cache[id] !== cache ? "EINVAL" : "OK";
}

function mockDomainReplace(u: Ucmd<Cmd>): Errno {
  const sobj = u.k.objects.find(u.cmd.id, "selftest");
  if (typeof sobj === "string") return sobj;
  const pt = replaceDevice(u.k, sobj.idev, u.cmd.mock_domain_replace!.pt_id);
  if (typeof pt === "string") return pt;
  return respondPayload(u, iommu_test_mock_domain_replace, { pt_id: pt });
}

/** Every page of the range must be mapped; nothing is ever pinned, so refs must be 0. */
function checkRefs(u: Ucmd<Cmd>): Errno {
  const { uptr, length, refs } = u.cmd.check_refs!;
  const page = BigInt(u.k.machine.pageSize);
  if (length % page || uptr % page || uptr + length > ULONG_MAX) return "EINVAL";
  if (!u.k.mem.mapped(uptr, length, false)) return "EFAULT";
  return refs === 0 ? "OK" : "EIO";
}

function setMemoryLimit(u: Ucmd<Cmd>): Errno {
  // Protects the batch code: at least sizeof(unsigned long) + sizeof(u32).
  if (u.cmd.memory_limit!.limit < 12) return "EINVAL";
  u.k.machine.memoryLimit = u.cmd.memory_limit!.limit;
  return "OK";
}

function addReserved(u: Ucmd<Cmd>): Errno {
  const { start, length } = u.cmd.add_reserved!;
  if (!length) return "EINVAL";
  if (start + length - 1n > ULONG_MAX) return "EOVERFLOW";
  const ioas = u.k.objects.find(u.cmd.id, "ioas");
  if (typeof ioas === "string") return ioas;
  // iopt_reserve_iova fails only over mapped areas, and nothing is ever mapped here.
  return "OK";
}

/** An op that finds its object the kernel's way, then stops where the model does. */
function lookupThenStop(kind: "hwpt_paging" | "ioas" | "device", what: string): Op {
  return (u) => {
    const obj = u.k.objects.find(u.cmd.id, kind);
    return typeof obj === "string" ? obj : u.k.notModelled(what);
  };
}

const stop =
  (what: string): Op =>
  (u) =>
    u.k.notModelled(what);

const O = iommu_test_op;

const OPS: ReadonlyMap<number, Op> = new Map<number, Op>([
  [O.IOMMU_TEST_OP_ADD_RESERVED, addReserved],
  [O.IOMMU_TEST_OP_MOCK_DOMAIN, (u) => mockDomain(u, 0)],
  [O.IOMMU_TEST_OP_MOCK_DOMAIN_FLAGS, (u) => mockDomain(u, u.cmd.mock_domain_flags!.dev_flags)],
  [O.IOMMU_TEST_OP_MOCK_DOMAIN_REPLACE, mockDomainReplace],
  [
    O.IOMMU_TEST_OP_MD_CHECK_MAP,
    lookupThenStop("hwpt_paging", "IOMMU_TEST_OP_MD_CHECK_MAP (mappings)"),
  ],
  [O.IOMMU_TEST_OP_MD_CHECK_REFS, checkRefs],
  [O.IOMMU_TEST_OP_MD_CHECK_IOTLB, checkIotlb],
  [O.IOMMU_TEST_OP_DEV_CHECK_CACHE, checkDevCache],
  [O.IOMMU_TEST_OP_SET_TEMP_MEMORY_LIMIT, setMemoryLimit],
  [O.IOMMU_TEST_OP_CREATE_ACCESS, lookupThenStop("ioas", "IOMMU_TEST_OP_CREATE_ACCESS (accesses)")],
  [O.IOMMU_TEST_OP_DESTROY_ACCESS_PAGES, stop("IOMMU_TEST_OP_DESTROY_ACCESS_PAGES (accesses)")],
  [O.IOMMU_TEST_OP_ACCESS_PAGES, stop("IOMMU_TEST_OP_ACCESS_PAGES (accesses)")],
  [O.IOMMU_TEST_OP_ACCESS_RW, stop("IOMMU_TEST_OP_ACCESS_RW (accesses)")],
  [O.IOMMU_TEST_OP_ACCESS_REPLACE_IOAS, stop("IOMMU_TEST_OP_ACCESS_REPLACE_IOAS (accesses)")],
  [O.IOMMU_TEST_OP_DIRTY, lookupThenStop("hwpt_paging", "IOMMU_TEST_OP_DIRTY (dirty tracking)")],
  [O.IOMMU_TEST_OP_TRIGGER_IOPF, mockTriggerIopf],
  [O.IOMMU_TEST_OP_TRIGGER_VEVENT, mockTriggerVevent],
  [O.IOMMU_TEST_OP_PASID_ATTACH, stop("IOMMU_TEST_OP_PASID_ATTACH (PASID attachments)")],
  [O.IOMMU_TEST_OP_PASID_REPLACE, stop("IOMMU_TEST_OP_PASID_REPLACE (PASID attachments)")],
  [O.IOMMU_TEST_OP_PASID_DETACH, stop("IOMMU_TEST_OP_PASID_DETACH (PASID attachments)")],
  [O.IOMMU_TEST_OP_PASID_CHECK_HWPT, stop("IOMMU_TEST_OP_PASID_CHECK_HWPT (PASID attachments)")],
  [O.IOMMU_TEST_OP_DMABUF_GET, stop("IOMMU_TEST_OP_DMABUF_GET (dma-bufs)")],
  [O.IOMMU_TEST_OP_DMABUF_REVOKE, stop("IOMMU_TEST_OP_DMABUF_REVOKE (dma-bufs)")],
]);

export function testCmd(u: Ucmd<Cmd>): OpResult {
  const op = OPS.get(u.cmd.op);
  return op ? op(u) : "EOPNOTSUPP";
}
