/** A scenario as the runner uses it: every value checked and converted while reading the file. */
import type { Abi } from "../../abi/abis.js";
import type { Errno } from "../errno.js";
import type { KernelLevel } from "../kernel/kernel.js";
import type { TlbEntry, AtcEntry } from "../smmu/caches.js";
import type { SmmuConfig } from "../smmu/config.js";
import type { CerrorName } from "../smmu/errors.js";
import type { VmmConfig } from "../vmm/policy.js";
import type { StructCodec } from "../../runtime/codec.js";
import type { Json } from "./values.js";
import type { DesignId } from "../variants/designs.js";

/** An object by scenario name, or a raw ID (which may name nothing). */
export type Ref = string | number;

export type ObjectSpec =
  | { readonly kind: "ioas"; readonly name: string }
  | { readonly kind: "mock_device"; readonly name: string; readonly cacheDefault: number }
  | {
      readonly kind: "smmu_device";
      readonly name: string;
      readonly sid: number;
      readonly ats: boolean;
    }
  | { readonly kind: "vtd_device"; readonly name: string }
  | {
      readonly kind: "hwpt_paging";
      readonly name: string;
      readonly ioas: string;
      readonly dev: string;
      readonly nestParent: boolean;
    }
  | {
      readonly kind: "hwpt_nested";
      readonly name: string;
      readonly parent: string;
      readonly dev: string;
      readonly dataType: number;
      readonly data: Uint8Array;
    }
  | {
      readonly kind: "viommu";
      readonly name: string;
      readonly type: number;
      readonly hwpt: string;
      readonly dev: string;
      readonly vmid: number | undefined;
      /** Extension: false models a driver whose vIOMMU has no cache_invalidate op. */
      readonly invalidateOp: boolean;
    }
  | {
      readonly kind: "vdevice";
      readonly name: string;
      readonly viommu: string;
      readonly dev: string;
      readonly virtId: bigint;
    };

export type ObjectKindName = ObjectSpec["kind"];

/** Where the ioctl argument lives (an extension): normal memory, nowhere, or read-only memory. */
export type ArgMapping = "normal" | "fault" | "readonly";

/** A pointer the scenario asks for: the mapped entries, NULL, a faulting one, or a raw value. */
export type Pointer = { readonly valid: true } | { readonly raw: bigint };

export type ActionSpec =
  | {
      readonly action: "invalidate";
      readonly hwpt: Ref;
      readonly dataType: number;
      readonly entries: readonly Uint8Array[];
      readonly entryLen: number;
      readonly entryNum: number;
      readonly dataUptr: Pointer;
      readonly reserved: number;
      readonly size: number;
      readonly arg: ArgMapping;
    }
  | {
      readonly action: "ioctl";
      readonly number: number;
      readonly codec: StructCodec<unknown> | undefined;
      readonly fields: Readonly<Record<string, bigint | Ref | Pointer>>;
      readonly size: number;
      readonly trailing: Uint8Array;
      readonly arg: ArgMapping;
    }
  | {
      readonly action: "guest_cmdq";
      readonly viommu: string;
      readonly commands: readonly (readonly bigint[])[];
    }
  | { readonly action: "guest_ack"; readonly viommu: string; readonly skip: boolean }
  | {
      readonly action: "fault";
      readonly kind: "sync_timeout" | "atc_timeout" | "nomem";
      readonly sid: number;
    }
  | { readonly action: "destroy"; readonly target: Ref }
  | {
      readonly action: "cache_fill";
      readonly tlb: readonly TlbEntry[];
      readonly atc: readonly { readonly sid: number; readonly entry: AtcEntry }[];
      readonly ste: readonly number[];
      readonly cd: readonly { readonly sid: number; readonly ssid: number }[];
    };

export type ActionName = ActionSpec["action"];

export interface Expect {
  readonly errno?: Errno;
  /** null: the step made no call that writes one back. */
  readonly entryNum?: number | null;
  readonly fields?: Readonly<Record<string, bigint | readonly bigint[]>>;
  /** Probe name → the expected value, normalised as the probe reports it. */
  readonly state?: Readonly<Record<string, Json>>;
  readonly cons?: number;
  readonly consErr?: CerrorName;
  readonly gerrorCmdqErr?: boolean;
  /** The expect object as written, for reports. */
  readonly raw: Json;
}

export interface Step {
  readonly index: number;
  readonly spec: ActionSpec;
  readonly expect: Expect;
}

export interface Scenario {
  readonly file: string;
  readonly name: string;
  readonly kernel: KernelLevel;
  readonly abi: Abi;
  /** The error-reporting design SMMUv3 vIOMMU invalidations use ("a": the merged kernel). */
  readonly variant: DesignId;
  readonly smmu: Partial<SmmuConfig>;
  readonly vmm: Partial<VmmConfig>;
  readonly objects: readonly ObjectSpec[];
  readonly steps: readonly Step[];
}
