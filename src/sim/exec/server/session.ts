/**
 * What the simulator does with each request of the program (protocol.ts): opens, closes,
 * dups and forks keep the descriptor tables; ioctl, read, write and poll go to the file the
 * descriptor refers to, with the calling process's memory and a way to hand out descriptors.
 */
import { ERRNOS, type Errno } from "../../errno.js";
import type { CallEnv, CallResult, KernelFile } from "../../kernel/file.js";
import { FD_ENTRY, FD_KIND, MAX_PAYLOAD, MSG, POLL_ENTRY } from "../protocol.js";
import type { Channel, Liveness, Message } from "./channel.js";
import type { FdTables } from "./fd-tables.js";
import { encodeWriteBacks, parseRegions, ProcessMemory } from "./process-memory.js";
import type { Tracer } from "./trace.js";
import { HOST_LE } from "../../../runtime/decode-source.js";

/** Opens the device: a new iommufd file. */
export type OpenDevice = (flags: number) => KernelFile | Errno;

interface Reply {
  readonly errno: Errno;
  readonly ret?: bigint;
  readonly payload?: Uint8Array;
  /** The process died during the call: nobody waits for the reply. */
  readonly gone?: boolean;
}

const KIND_CODE: Readonly<Record<KernelFile["kind"], number>> = {
  iommufd: FD_KIND.IOMMUFD,
  eventq: FD_KIND.EVENTQ,
  access: FD_KIND.ACCESS,
};

type Handler = (s: Session, m: Message) => Reply;

const ok = (ret = 0n, payload?: Uint8Array): Reply => ({ errno: "OK", ret, payload });

export class Session {
  /** Live mappings of simulated files, by the number the preload knows them by. */
  readonly mappings = new Map<number, { file: KernelFile; mapping: number }>();
  nextMapping = 1;

  constructor(
    readonly channel: Channel,
    readonly tables: FdTables,
    readonly open: OpenDevice,
    readonly alive: Liveness,
    readonly tracer?: Tracer,
  ) {}

  handle(m: Message): void {
    const handler = HANDLERS[m.type];
    if (!handler) return; // a stale answer, or nothing a process sends
    const r = handler(this, m);
    this.tables.maintain();
    if (r.gone) return;
    this.channel.send({
      type: MSG.REPLY,
      pid: m.pid,
      seq: m.seq,
      a: r.ret ?? 0n,
      status: r.errno === "OK" ? 0 : ERRNOS[r.errno],
      payload: r.payload,
    });
  }

  /** The calling process's memory and descriptor table for one call. */
  env(m: Message): { env: CallEnv; mem: ProcessMemory } {
    const mem = new ProcessMemory(this.channel, m.pid, m.seq, this.alive, parseRegions(m.payload));
    const env: CallEnv = {
      mem,
      pid: m.pid,
      installFd: (file, cloexec) => {
        const a = this.channel.ask(
          {
            type: MSG.SVC_NEWFD,
            pid: m.pid,
            seq: m.seq,
            a: BigInt(KIND_CODE[file.kind]),
            b: cloexec ? 1n : 0n,
          },
          this.alive,
        );
        if (!a) {
          mem.gone = true;
          return "EFAULT";
        }
        if (a.status !== 0) return errnoOf(a.status);
        const fd = Number(a.a);
        this.tables.add(m.pid, fd, { file, ino: a.b });
        return fd;
      },
      removeFd: (fd) => {
        this.tables.remove(m.pid, fd);
        if (!mem.gone)
          this.channel.ask({ type: MSG.SVC_CLOSEFD, pid: m.pid, seq: m.seq, fd }, this.alive);
      },
    };
    return { env, mem };
  }
}

function errnoOf(n: number): Errno {
  return (Object.keys(ERRNOS) as Errno[]).find((k) => ERRNOS[k] === n) ?? "EIO";
}

function fromCall(r: CallResult, mem: ProcessMemory): Reply {
  return {
    errno: r.errno,
    ret: BigInt(r.ret ?? 0),
    payload: mem.writeBacks.length ? encodeWriteBacks(mem.writeBacks) : undefined,
    gone: mem.gone,
  };
}

/** The file a request names, or EBADF. */
function fileOf(s: Session, m: Message): KernelFile | undefined {
  return s.tables.get(m.pid, m.fd)?.file;
}

function fdEntries(entries: Iterable<[number, { file: KernelFile; ino: bigint }]>): Uint8Array {
  const list = [...entries];
  const out = new Uint8Array(list.length * FD_ENTRY);
  const v = new DataView(out.buffer);
  list.forEach(([fd, e], i) => {
    v.setInt32(i * FD_ENTRY, fd, HOST_LE);
    v.setUint32(i * FD_ENTRY + 4, KIND_CODE[e.file.kind], HOST_LE);
    v.setBigUint64(i * FD_ENTRY + 8, e.ino, HOST_LE);
  });
  return out;
}

const HANDLERS: Readonly<Record<number, Handler>> = {
  [MSG.REQ_HELLO]: (s, m) => ok(0n, fdEntries(s.tables.offer(m.pid, Number(m.a)))),
  [MSG.REQ_CONFIRM]: (s, m) => {
    const v = new DataView(m.payload.buffer, m.payload.byteOffset, m.payload.byteLength);
    const fds: number[] = [];
    for (let at = 0; at + FD_ENTRY <= m.payload.length; at += FD_ENTRY)
      fds.push(v.getInt32(at, HOST_LE));
    s.tables.confirm(m.pid, fds);
    return ok();
  },
  [MSG.REQ_FORK]: (s, m) => {
    s.tables.fork(Number(m.a), m.pid);
    return ok();
  },
  [MSG.REQ_OPEN]: (s, m) => {
    const file = s.open(Number(m.a));
    if (typeof file === "string") return { errno: file };
    s.tables.add(m.pid, m.fd, { file, ino: m.b });
    return ok();
  },
  [MSG.REQ_CLOSE]: (s, m) => {
    s.tables.remove(m.pid, m.fd);
    return ok();
  },
  [MSG.REQ_DUP]: (s, m) => {
    const e = s.tables.get(m.pid, m.fd);
    if (e) s.tables.add(m.pid, Number(m.a), { file: e.file, ino: m.b });
    return ok();
  },
  [MSG.REQ_IOCTL]: (s, m) => {
    const file = fileOf(s, m);
    if (!file) return { errno: "EBADF" };
    const { env, mem } = s.env(m);
    const number = Number(m.a);
    const trace = s.tracer?.before(number, m.b, mem, m.pid, m.fd);
    const r = file.ioctl(number, m.b, env);
    trace?.after(r);
    return fromCall(r, mem);
  },
  [MSG.REQ_READ]: (s, m) => {
    const file = fileOf(s, m);
    if (!file) return { errno: "EBADF" };
    const { env, mem } = s.env(m);
    return fromCall(file.read(m.a, m.b, env), mem);
  },
  [MSG.REQ_WRITE]: (s, m) => {
    const file = fileOf(s, m);
    if (!file) return { errno: "EBADF" };
    const { env, mem } = s.env(m);
    return fromCall(file.write(m.a, m.b, env), mem);
  },
  [MSG.REQ_MMAP]: (s, m) => {
    const file = fileOf(s, m);
    if (!file) return { errno: "EBADF" };
    const prot = Number(m.c & 0xffffffffn);
    const flags = Number(m.c >> 32n);
    const r = file.mmap(m.a, m.b, prot, flags);
    if (r.errno !== "OK" || !("bytes" in r)) return { errno: r.errno };
    if (r.bytes.length > MAX_PAYLOAD) {
      file.munmap(r.mapping);
      return { errno: "ENOMEM" };
    }
    // Numbered across files: a mapping outlives the descriptor it was made through.
    const id = s.nextMapping++;
    s.mappings.set(id, { file, mapping: r.mapping });
    return ok(BigInt(id), r.bytes);
  },
  [MSG.REQ_MUNMAP]: (s, m) => {
    const id = Number(m.a);
    const mapped = s.mappings.get(id);
    s.mappings.delete(id);
    mapped?.file.munmap(mapped.mapping);
    return ok();
  },
  [MSG.REQ_POLL]: (s, m) => {
    const out = new Uint8Array(m.payload);
    const v = new DataView(out.buffer);
    for (let at = 0; at + POLL_ENTRY <= out.length; at += POLL_ENTRY) {
      const file = s.tables.get(m.pid, v.getInt32(at, HOST_LE))?.file;
      const events = v.getInt16(at + 4, HOST_LE);
      // POLLERR, POLLHUP and POLLNVAL are reported whether asked for or not.
      v.setInt16(at + 6, file ? file.poll() & (events | 0x18) : 0x20, HOST_LE);
    }
    return ok(0n, out);
  },
};
