/**
 * Event queues (drivers/iommu/iommufd/eventq.c): the fault queue (IOMMU_FAULT_QUEUE_ALLOC)
 * delivers page requests a device raised on a HWPT that reports to it and takes the
 * responses; the vEVENTQ (IOMMU_VEVENTQ_ALLOC) delivers a vIOMMU's events, at most `depth`
 * of them, after which one lost-events header stands for the rest. Each is read through a
 * file the allocation hands out, which holds the object while it is open.
 */
import type { iommu_fault_alloc, iommu_veventq_alloc } from "../../../out/ts/iommufd.js";
import {
  iommu_hwpt_page_response,
  iommu_hwpt_pgfault,
  iommu_veventq_flag,
  iommu_veventq_type,
  iommufd_page_response_code,
  iommufd_vevent_header,
} from "../../../out/ts/iommufd.js";
import type { Errno } from "../errno.js";
import type { CallEnv, CallResult, KernelFile, MmapResult } from "./file.js";
import { POLL } from "./file.js";
import type { AnyKernel } from "./kernel.js";
import type { Device, FaultGroup, FaultQueue, Hwpt, Vevent, Veventq, Viommu } from "./objects.js";
import { respond, type OpResult, type Ucmd } from "./ucmd.js";

/** An arbitrary cap on veventq_depth, as the kernel's. */
export const VEVENTQ_MAX_DEPTH = 1 << 19;
const INT_MAX = 0x7fffffff;

/** Keeps its iommufd file open while it is (iommufd_ctx_get), and its object held. */
export interface FileOwner {
  retain(): void;
  unretain(): void;
}

export class EventqFile implements KernelFile {
  readonly kind = "eventq" as const;

  constructor(
    private readonly k: AnyKernel,
    readonly q: FaultQueue | Veventq,
    private readonly owner: FileOwner | undefined,
  ) {
    k.objects.hold(q);
    owner?.retain();
  }

  ioctl(): CallResult {
    return { errno: "ENOTTY" };
  }

  read(buf: bigint, count: bigint, env: CallEnv): CallResult {
    this.k.mem = env.mem;
    return this.q.kind === "fault"
      ? faultRead(this.k, this.q, buf, count)
      : veventqRead(this.k, this.q, buf, count);
  }

  write(buf: bigint, count: bigint, env: CallEnv): CallResult {
    this.k.mem = env.mem;
    return this.q.kind === "fault" ? faultWrite(this.k, this.q, buf, count) : { errno: "EINVAL" };
  }

  poll(): number {
    const ready = this.q.deliver.length ? POLL.IN | POLL.RDNORM : 0;
    return this.q.kind === "fault" ? ready | POLL.OUT : ready;
  }

  /** An event queue file has no mmap: the VFS answers ENODEV. */
  mmap(): MmapResult {
    return { errno: "ENODEV" };
  }

  munmap(): void {}

  release(): void {
    this.k.objects.drop(this.q);
    this.owner?.unretain();
  }
}

/** iommufd_eventq_init + get_unused_fd_flags(O_CLOEXEC): the file and its descriptor. */
function installFile(
  u: Ucmd<unknown>,
  q: FaultQueue | Veventq,
): { fd: number; file: EventqFile } | Errno {
  if (!u.env) return u.k.notModelled("event queue files outside a process");
  const file = new EventqFile(u.k, q, u.k.fileOwner);
  const fd = u.env.installFd(file, true);
  if (typeof fd === "string") {
    file.release();
    return fd;
  }
  return { fd, file };
}

export function faultAlloc(u: Ucmd<iommu_fault_alloc>): OpResult {
  if (u.cmd.flags) return "EOPNOTSUPP";
  const fault = u.k.objects.alloc<FaultQueue>({
    kind: "fault",
    deliver: [],
    response: new Map(),
    holds: [],
  });
  u.newObj = fault;
  const got = installFile(u, fault);
  if (typeof got === "string") return got;
  u.cmd.out_fault_id = fault.id;
  u.cmd.out_fault_fd = got.fd;
  const rc = respond(u);
  if (rc !== "OK") u.env!.removeFd(got.fd);
  return rc;
}

export function veventqAlloc(u: Ucmd<iommu_veventq_alloc>): OpResult {
  const c = u.cmd;
  if (c.flags || c.__reserved || c.type === iommu_veventq_type.IOMMU_VEVENTQ_TYPE_DEFAULT)
    return "EOPNOTSUPP";
  if (!c.veventq_depth || c.veventq_depth > VEVENTQ_MAX_DEPTH) return "EINVAL";
  const viommu = u.k.objects.find(c.viommu_id, "viommu");
  if (typeof viommu === "string") return viommu;
  if (viommu.veventqs.some((q) => q.type === c.type)) return "EEXIST";
  const q = u.k.objects.alloc<Veventq>({
    kind: "veventq",
    viommu,
    type: c.type,
    depth: c.veventq_depth,
    numEvents: 0,
    sequence: 0,
    deliver: [],
    holds: [viommu],
  });
  viommu.veventqs.push(q);
  const got = installFile(u, q);
  if (typeof got === "string") {
    u.k.objects.abort(q);
    return got;
  }
  c.out_veventq_id = q.id;
  c.out_veventq_fd = got.fd;
  const rc = respond(u);
  if (rc !== "OK") {
    u.env!.removeFd(got.fd);
    u.k.objects.abort(q);
    return rc;
  }
  u.k.objects.finalize(q);
  return "OK";
}

/** iommufd_viommu_report_event. */
export function reportEvent(viommu: Viommu, type: number, data: Uint8Array): Errno {
  const q = viommu.veventqs.find((x) => x.type === type);
  if (!q) return "EOPNOTSUPP";
  let ev: Vevent;
  if (q.numEvents === q.depth) ev = { lost: true, sequence: 0, data: new Uint8Array(0) };
  else {
    ev = { lost: false, sequence: 0, data };
    q.numEvents++;
  }
  // iommufd_vevent_handler: a lost-events header at the tail gives way to what comes next.
  if (q.deliver.at(-1)?.lost) q.deliver.pop();
  ev.sequence = q.sequence;
  q.sequence = (q.sequence + 1) & INT_MAX;
  q.deliver.push(ev);
  return "OK";
}

function veventqRead(k: AnyKernel, q: Veventq, buf: bigint, count: bigint): CallResult {
  const hdr = iommufd_vevent_header.size(k.abi);
  if (count < BigInt(hdr)) return { errno: "EINVAL" };
  let done = 0n;
  let rc: Errno = "OK";
  while (q.deliver.length) {
    const cur = q.deliver[0]!;
    if (done >= count || BigInt(hdr) > count - done) break;
    if (!cur.lost && BigInt(hdr + cur.data.length) > count - done) {
      if (done === 0n) rc = "EINVAL";
      break;
    }
    const flags = cur.lost ? iommu_veventq_flag.IOMMU_VEVENTQ_FLAG_LOST_EVENTS : 0;
    const bytes = iommufd_vevent_header.encode({ flags, sequence: cur.sequence }, k.abi);
    if (!k.mem.write(buf + done, bytes)) {
      rc = "EFAULT";
      break;
    }
    if (cur.data.length && !k.mem.write(buf + done + BigInt(hdr), cur.data)) {
      rc = "EFAULT";
      break;
    }
    q.deliver.shift();
    if (!cur.lost) q.numEvents--;
    done += BigInt(hdr + cur.data.length);
  }
  return done
    ? { errno: "OK", ret: Number(done) }
    : rc === "OK"
      ? { errno: "OK", ret: 0 }
      : { errno: rc };
}

/** A page request a device raised, delivered if its page table reports faults (iopf handler). */
export function reportFault(
  dev: Device,
  hwpt: Hwpt | undefined,
  group: Omit<FaultGroup, "dev" | "cookie">,
): void {
  if (!hwpt?.fault) return; // no handler: the core answers the device itself
  hwpt.fault.deliver.push({ ...group, dev, cookie: 0 });
}

/** xa_alloc of a cookie: the lowest free one from 1. */
function newCookie(fault: FaultQueue): number {
  let c = 1;
  while (fault.response.has(c)) c++;
  return c;
}

function faultRead(k: AnyKernel, fault: FaultQueue, buf: bigint, count: bigint): CallResult {
  const size = BigInt(iommu_hwpt_pgfault.size(k.abi));
  if (count % size) return { errno: "ESPIPE" };
  let done = 0n;
  let rc: Errno = "OK";
  while (fault.deliver.length) {
    const group = fault.deliver[0]!;
    if (done >= count || size > count - done) {
      if (done === 0n) rc = "EINVAL";
      break;
    }
    group.cookie = newCookie(fault);
    const msg = iommu_hwpt_pgfault.encode(
      {
        flags: group.flags,
        dev_id: group.dev.id,
        pasid: group.pasid,
        grpid: group.grpid,
        perm: group.perm,
        __reserved: 0,
        addr: group.addr,
        length: 0,
        cookie: group.cookie,
      },
      k.abi,
    );
    if (!k.mem.write(buf + done, msg)) {
      rc = "EFAULT";
      break;
    }
    fault.deliver.shift();
    fault.response.set(group.cookie, group);
    done += size;
  }
  return done
    ? { errno: "OK", ret: Number(done) }
    : rc === "OK"
      ? { errno: "OK", ret: 0 }
      : { errno: rc };
}

function faultWrite(k: AnyKernel, fault: FaultQueue, buf: bigint, count: bigint): CallResult {
  const size = BigInt(iommu_hwpt_page_response.size(k.abi));
  if (count % size) return { errno: "ESPIPE" };
  let done = 0n;
  let rc: Errno = "OK";
  const codes: number[] = [
    iommufd_page_response_code.IOMMUFD_PAGE_RESP_SUCCESS,
    iommufd_page_response_code.IOMMUFD_PAGE_RESP_INVALID,
  ];
  while (count > done) {
    const bytes = k.mem.read(buf + done, size);
    if (!bytes) {
      rc = "EFAULT";
      break;
    }
    const r = iommu_hwpt_page_response.decode(bytes, k.abi, 0, { validate: false });
    if (!codes.includes(r.code) || !fault.response.has(r.cookie)) {
      rc = "EINVAL";
      break;
    }
    fault.response.delete(r.cookie);
    done += size;
  }
  return done ? { errno: "OK", ret: Number(done) } : { errno: rc };
}

/** iommufd_auto_response_faults: a device leaving a HWPT drops its undelivered faults. */
export function autoRespondFaults(_k: AnyKernel, hwpt: Hwpt, dev: Device): void {
  const fault = hwpt.fault;
  if (!fault) return;
  for (let i = fault.deliver.length - 1; i >= 0; i--)
    if (fault.deliver[i]!.dev === dev) fault.deliver.splice(i, 1);
  for (const [cookie, g] of fault.response) if (g.dev === dev) fault.response.delete(cookie);
}
